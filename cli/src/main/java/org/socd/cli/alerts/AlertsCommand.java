package org.socd.cli.alerts;

import picocli.CommandLine.Command;

/** {@code soc alerts ...}: the alert subcommands. */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "Search alerts.",
        subcommands = {SearchCommand.class})
public final class AlertsCommand {
}
