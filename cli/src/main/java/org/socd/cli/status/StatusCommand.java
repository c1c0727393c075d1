package org.socd.cli.status;

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

/** {@code soc status}: is socd up, what it listens on, how many rules and alerts, who am I. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show what the daemon is doing.")
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SocMain root = (SocMain) spec.root().userObject();
        JsonNode s = root.client().get("/api/v1/status", Map.of());
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(s.toPrettyString());
        } else {
            for (var e : s.properties()) {
                String value = e.getValue().isObject()
                        ? e.getValue().path("name").asString() + " (" + e.getValue().path("role").asString() + ")"
                        : e.getValue().isNull() ? "-" : e.getValue().asString();
                out.printf("%-24s %s%n", e.getKey().replace('_', ' '), value);
            }
        }
        out.flush();
        return 0;
    }
}
