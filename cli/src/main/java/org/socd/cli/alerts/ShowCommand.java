package org.socd.cli.alerts;

import java.io.PrintWriter;
import java.time.Instant;
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

/** {@code soc alerts show ID}: one alert with its notes, history and triggering events. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one alert in full.")
public final class ShowCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "The alert id (the ID column of search).")
    String id;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SocMain root = (SocMain) spec.root().userObject();
        JsonNode a = root.client().get("/api/v1/alerts/" + AlertIds.check(id), Map.of());
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.table) {
            AlertPrinter.detail(out, a, root.colors(), Instant.now());
        } else {
            out.println(a.toPrettyString());
            out.flush();
        }
        return 0;
    }
}
