package org.socd.cli.alerts;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.socd.cli.SocMain;
import org.socd.cli.output.Format;
import org.socd.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code soc alerts search [QUERY] [--since 24h] [--format table|json]}. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search alerts, newest first.",
                "QUERY uses Lucene syntax over the alert fields, e.g. 'level:high AND host:PC-01*'."})
public final class SearchCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "Lucene query; all alerts when omitted.")
    String query;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "24h",
            description = "Only alerts detected within this long ago, e.g. 15m, 24h, 7d (default ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N alerts (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default ${DEFAULT-VALUE}).")
    Format format;

    @ParentCommand
    AlertsCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SocMain root = (SocMain) spec.root().userObject();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", query);
        params.put("since", since);
        params.put("limit", Integer.toString(limit));
        JsonNode result = root.client().get("/api/v1/alerts", params);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(result.toPrettyString());
        } else {
            printTable(result, out);
        }
        out.flush();
        return 0;
    }

    private static void printTable(JsonNode result, PrintWriter out) {
        Table table = new Table(List.of("DETECTED", "LEVEL", "RULE", "HOST", "USER", "SRC IP", "ID"),
                new int[] {12, 13, 48, 24, 16, 39, 12});
        Instant now = Instant.now();
        for (JsonNode a : result.path("alerts")) {
            List<String> row = new ArrayList<>();
            row.add(ago(a.path("detected_at").asString(null), now));
            row.add(a.path("level").asString(null));
            row.add(a.path("rule_title").asString(null));
            row.add(a.path("host").asString(null));
            row.add(a.path("user").asString(null));
            row.add(a.path("src_ip").asString(null));
            String id = a.path("id").asString("");
            row.add(id.length() > 12 ? id.substring(0, 12) : id);
            table.add(row);
        }
        table.print(out);
        long total = result.path("total").asLong(0);
        int shown = result.path("alerts").size();
        out.println(shown < total ? shown + " of " + total + " alerts (raise --limit or narrow the query)"
                : total == 1 ? "1 alert" : total + " alerts");
    }

    /** "3s ago", "5m ago", "2h ago", "4d ago": what an analyst scanning a table wants. */
    static String ago(String iso, Instant now) {
        if (iso == null) {
            return null;
        }
        Duration d = Duration.between(Instant.parse(iso), now);
        if (d.isNegative()) {
            return "now";
        }
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s ago";
        }
        if (s < 3600) {
            return (s / 60) + "m ago";
        }
        if (s < 86400) {
            return (s / 3600) + "h ago";
        }
        return (s / 86400) + "d ago";
    }
}
