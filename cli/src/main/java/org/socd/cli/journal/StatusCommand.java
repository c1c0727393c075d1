package org.socd.cli.journal;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.socd.cli.SocMain;
import org.socd.cli.output.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code soc journal status [--format text|json]}: size, segments, oldest and newest position,
 * checkpoint and unprocessed lag, from {@code GET /api/v1/journal}.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the journal: size, segments, positions, checkpoint and unprocessed lag.",
                "Exit status 3 while the journal refuses records (disk full or budget exhausted)."})
public final class StatusCommand implements Callable<Integer> {

    /** Exit status while the journal refuses records, so scripts and checks can alert on it. */
    static final int BLOCKED = 3;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SocMain root = (SocMain) spec.root().userObject();
        JsonNode j = root.client().get("/api/v1/journal", Map.of());
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(j.toPrettyString());
        } else if (!j.path("enabled").asBoolean(false)) {
            out.println("journal: disabled (journal.enabled: false) — records are not kept across a crash");
        } else {
            print(j, out);
        }
        out.flush();
        return j.path("blocked").isString() ? BLOCKED : 0;
    }

    private static void print(JsonNode j, PrintWriter out) {
        out.printf("journal:        %s%n", j.path("dir").asString(""));
        out.printf("size:           %s in %d segment(s)%n", bytes(j.path("size_bytes").asLong()), j.path("segments").asInt());
        out.printf("positions:      %d .. %d%n", j.path("oldest_position").asLong(), j.path("newest_position").asLong());
        out.printf("checkpoint:     %d%n", j.path("checkpoint").asLong());
        JsonNode lagSeconds = j.path("lag_seconds");
        out.printf("unprocessed:    %d record(s), oldest %s%n", j.path("lag_records").asLong(),
                lagSeconds.isNumber() ? String.format("%.1f s ago", lagSeconds.asDouble()) : "unknown");
        out.printf("accepting:      %s%n", j.path("blocked").isString()
                ? "NO (" + j.path("blocked").asString() + ") — inputs are not acknowledging; free disk space or raise journal.max_bytes"
                : "yes");
        long corrupt = j.path("corrupt_records").asLong();
        long truncated = j.path("truncated_bytes").asLong();
        if (corrupt > 0 || truncated > 0) {
            out.printf("damage:         %d corrupt record(s) skipped, %d torn byte(s) truncated (see the socd log for where)%n",
                    corrupt, truncated);
        }
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String units = "KMGTPE";
        int u = (63 - Long.numberOfLeadingZeros(n)) / 10;
        return String.format("%.1f %siB", n / (double) (1L << (10 * u)), units.charAt(u - 1));
    }
}
