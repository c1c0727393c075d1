package org.socd.cli.alerts;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.socd.cli.SocMain;
import org.socd.cli.output.Colors;
import org.socd.cli.output.Csv;
import org.socd.cli.output.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code soc alerts tail}: new alerts as they are detected, until Ctrl-C. */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "Follow new alerts as they arrive (Ctrl-C stops).")
public final class TailCommand implements Callable<Integer> {

    private static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");

    @Option(names = "--level", paramLabel = "LEVEL", description = "Only this level and above: low, medium, high, critical.")
    String minLevel;

    @Option(names = "--updates", description = "Also show analysts' changes (ack, close, assign, notes).")
    boolean updates;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (one line per alert), json (one per line) or csv (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N alerts (default: run until Ctrl-C).")
    Integer max;

    @Spec
    CommandSpec spec;

    private int shown;

    @Override
    public Integer call() {
        int min = minLevel == null ? 0 : LEVELS.indexOf(minLevel.toLowerCase(Locale.ROOT));
        if (min < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--level must be one of " + String.join(", ", LEVELS) + ", not '" + minLevel + "'");
        }
        SocMain root = (SocMain) spec.root().userObject();
        Colors colors = root.colors();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.csv) {
            Csv.row(out, AlertPrinter.CSV_COLUMNS);
            out.flush();
        }
        try {
            root.client().stream("/api/v1/alerts/stream", (event, data) -> {
                if (!event.equals("alert") && !(updates && event.equals("update"))) {
                    return;
                }
                JsonNode a = JsonMapper.builder().build().readTree(data);
                if (LEVELS.indexOf(a.path("level").asString("")) < min) {
                    return;
                }
                print(out, event, a, colors);
                if (max != null && ++shown >= max) {
                    throw new Done();
                }
            });
        } catch (Done done) {
            return 0;
        }
        return 0;
    }

    private void print(PrintWriter out, String event, JsonNode a, Colors colors) {
        switch (format) {
            case json -> out.println(a.toString());
            case csv -> Csv.row(out, AlertPrinter.csvRow(a));
            case table -> {
                String level = a.path("level").asString("");
                String when = event.equals("update") ? "update" : Instant.parse(a.path("detected_at").asString()).toString();
                out.println(when + "  " + colors.level(level, String.format("%-8s", level)) + "  "
                        + a.path("status").asString() + "  " + a.path("rule_title").asString() + "  host="
                        + a.path("host").asString("-") + "  user=" + a.path("user").asString("-") + "  src="
                        + a.path("src_ip").asString("-") + "  " + a.path("id").asString());
            }
        }
        out.flush();
    }

    /** Ends the stream after --max alerts. */
    private static final class Done extends RuntimeException {
        Done() {
            super(null, null, false, false);
        }
    }
}
