package org.socd.cli.alerts;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.socd.cli.SocMain;
import org.socd.cli.output.BarChart;
import org.socd.cli.output.Colors;
import org.socd.cli.output.Csv;
import org.socd.cli.output.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code soc alerts stats}: what is noisy, as bar charts, and when, as a histogram. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Count alerts by rule, host, level or tactic, with a histogram over time.")
public final class StatsCommand implements Callable<Integer> {

    private static final String SPARKS = "▁▂▃▄▅▆▇█";

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "Only alerts matching this query.")
    String query;

    @Option(names = "--by", paramLabel = "FIELD", defaultValue = "rule", description = "rule, host, level or tactic (default ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--since", paramLabel = "DURATION", description = "Window up to now, e.g. 24h, 7d, 30d (default 24h unless --from).")
    String since;

    @Option(names = "--from", paramLabel = "ISO", description = "Window start.")
    String from;

    @Option(names = "--to", paramLabel = "ISO", description = "Window end (default now).")
    String to;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "How many groups (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--interval", paramLabel = "DURATION", description = "Histogram step, e.g. 1h (default: about 48 steps).")
    String interval;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, json or csv (default ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SocMain root = (SocMain) spec.root().userObject();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("by", by);
        params.put("q", query);
        params.put("since", since == null && from == null ? "24h" : since);
        params.put("from", from);
        params.put("to", to);
        params.put("top", Integer.toString(top));
        params.put("interval", interval);
        JsonNode s = root.client().get("/api/v1/alerts/stats", params);
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case json -> out.println(s.toPrettyString());
            case csv -> {
                Csv.row(out, List.of(s.path("by").asString(), "label", "count"));
                for (JsonNode g : s.path("groups")) {
                    Csv.row(out, List.of(g.path("key").asString(), g.path("label").asString(), g.path("count").asString()));
                }
            }
            case table -> table(out, s, root.colors());
        }
        out.flush();
        return 0;
    }

    private void table(PrintWriter out, JsonNode s, Colors colors) {
        long total = s.path("total").asLong();
        out.println(colors.bold(total + (total == 1 ? " alert" : " alerts") + " by " + s.path("by").asString() + ", "
                + s.path("from").asString() + " to " + s.path("to").asString()));
        List<BarChart.Bar> bars = new ArrayList<>();
        boolean levels = s.path("by").asString().equals("level");
        for (JsonNode g : s.path("groups")) {
            bars.add(new BarChart.Bar(g.path("label").asString(), g.path("count").asLong(),
                    levels ? g.path("key").asString() : null));
        }
        BarChart.print(out, bars, 40, colors);
        long max = 0;
        for (JsonNode b : s.path("histogram")) {
            max = Math.max(max, b.path("count").asLong());
        }
        StringBuilder spark = new StringBuilder();
        for (JsonNode b : s.path("histogram")) {
            long c = b.path("count").asLong();
            spark.append(c == 0 ? ' ' : SPARKS.charAt((int) Math.min(SPARKS.length() - 1, (c * (SPARKS.length() - 1) + max - 1) / Math.max(1, max))));
        }
        out.println();
        out.println("over time (" + s.path("interval_seconds").asLong() / 60 + " min per column, peak " + max + "):");
        out.println("|" + spark + "|");
    }
}
