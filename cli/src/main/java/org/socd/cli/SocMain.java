package org.socd.cli;

import org.socd.cli.alerts.AlertsCommand;
import org.socd.cli.api.ApiClient;
import org.socd.cli.api.ApiClientException;
import org.socd.cli.hunt.HuntCommand;
import org.socd.cli.rules.RulesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code soc}: the analyst's command line. Subcommands talk to the daemon's HTTP API. */
@Command(name = "soc", mixinStandardHelpOptions = true, version = "soc 0.1.0",
        description = "Search and triage socd alerts.",
        subcommands = {AlertsCommand.class, RulesCommand.class, HuntCommand.class, CommandLine.HelpCommand.class})
public final class SocMain {

    @Option(names = "--server", paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:SOC_SERVER:-http://127.0.0.1:8514}",
            description = "socd's API (default: $SOC_SERVER, else ${DEFAULT-VALUE}).")
    String server;

    public ApiClient client() {
        return new ApiClient(server);
    }

    /** The command line with the error handling every subcommand shares. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SocMain());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ApiClientException) {
                commandLine.getErr().println("soc: " + e.getMessage());
                commandLine.getErr().flush();
                return 1;
            }
            throw e;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
