package org.socd.cli.alerts;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.socd.cli.SocMain;
import org.socd.cli.output.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code soc alerts search [QUERY] [--since 24h | --from/--to] [--format table|json|csv]}. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search alerts, newest first.",
                "QUERY uses Lucene syntax over the alert fields, e.g. 'level:high AND host:PC-01*',"
                        + " 'src_ip:10.0.0.0/8', 'tactics:credential-access', 'status:new'."})
public final class SearchCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "Lucene query; all alerts when omitted.")
    String query;

    @Option(names = "--since", paramLabel = "DURATION",
            description = "Only alerts detected within this long ago, e.g. 15m, 24h, 7d (default 24h unless --from).")
    String since;

    @Option(names = "--from", paramLabel = "ISO", description = "Detected at or after, e.g. 2026-11-26T08:00:00Z.")
    String from;

    @Option(names = "--to", paramLabel = "ISO", description = "Detected before.")
    String to;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N alerts (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue after the previous page (printed under it).")
    String cursor;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json (one alert per line) or csv (default ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SocMain root = (SocMain) spec.root().userObject();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", query);
        params.put("since", since == null && from == null ? "24h" : since);
        params.put("from", from);
        params.put("to", to);
        params.put("limit", Integer.toString(limit));
        params.put("cursor", cursor);
        JsonNode result = root.client().get("/api/v1/alerts", params);
        PrintWriter out = spec.commandLine().getOut();
        AlertPrinter.list(out, result.path("alerts"), format, root.colors(), Instant.now());
        if (format == Format.table) {
            long total = result.path("total").asLong(0);
            int shown = result.path("alerts").size();
            out.println(shown < total ? shown + " of " + total + " alerts" : total == 1 ? "1 alert" : total + " alerts");
            if (!result.path("next_cursor").isNull() && !result.path("next_cursor").isMissingNode()) {
                out.println("next page: add --cursor " + result.path("next_cursor").asString());
            }
        }
        out.flush();
        return 0;
    }
}
