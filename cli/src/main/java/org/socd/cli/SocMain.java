package org.socd.cli;

import java.nio.file.Path;
import java.util.Map;
import org.socd.cli.alerts.AlertsCommand;
import org.socd.cli.api.ApiClient;
import org.socd.cli.journal.JournalCommand;
import org.socd.cli.api.ApiClientException;
import org.socd.cli.api.Connection;
import org.socd.cli.logtest.LogtestCommand;
import org.socd.cli.output.Colors;
import org.socd.cli.status.StatusCommand;
import org.socd.cli.tokens.TokensCommand;
import picocli.AutoComplete;
import org.socd.cli.hunt.HuntCommand;
import org.socd.cli.rules.RulesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code soc}: the analyst's command line. Subcommands talk to the daemon's HTTP API. */
@Command(name = "soc", mixinStandardHelpOptions = true, version = "soc 0.1.0",
        description = {"Search and triage socd alerts.",
                "Server: --server, else $SOC_SERVER, else 'server:' in ~/.config/soc/config.yml, else http://127.0.0.1:8514.",
                "Token: --token, else $SOC_TOKEN, else 'token:' in ~/.config/soc/config.yml, else ./data/admin.token."},
        subcommands = {AlertsCommand.class, StatusCommand.class, TokensCommand.class, RulesCommand.class, HuntCommand.class,
                LogtestCommand.class, JournalCommand.class, CommandLine.HelpCommand.class})
public final class SocMain {

    @Option(names = "--server", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "socd's API, e.g. http://127.0.0.1:8514 (see above for the fallbacks).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "API token (see above for the fallbacks; prefer SOC_TOKEN: flags show up in ps).")
    String token;

    private final Map<String, String> env;
    private final Path workDir;
    private final Path configFile;

    SocMain(Map<String, String> env, Path workDir, Path configFile) {
        this.env = env;
        this.workDir = workDir;
        this.configFile = configFile;
    }

    /** The API client for the resolved server and token. */
    public ApiClient client() {
        return new ApiClient(Connection.resolve(server, token, env, configFile, workDir));
    }

    /** Colours for stdout: on for a terminal unless NO_COLOR or TERM=dumb. */
    public Colors colors() {
        return Colors.auto(env);
    }

    /** The command line as users run it. */
    public static CommandLine commandLine() {
        Map<String, String> env = System.getenv();
        return commandLine(env, Path.of("").toAbsolutePath(), Connection.userConfigFile(env));
    }

    /** The command line with the environment, working directory and config file given (for tests). */
    public static CommandLine commandLine(Map<String, String> env, Path workDir, Path configFile) {
        CommandLine cl = new CommandLine(new SocMain(env, workDir, configFile));
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false)
                .description("Print a bash/zsh completion script: source <(soc completion)");
        cl.addSubcommand("completion", completion);
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
