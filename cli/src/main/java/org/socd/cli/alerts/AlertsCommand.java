package org.socd.cli.alerts;

import picocli.CommandLine.Command;

/** {@code soc alerts ...}: the alert subcommands. */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "Search, follow and triage alerts.",
        subcommands = {SearchCommand.class, ShowCommand.class, ChangeCommands.Ack.class, ChangeCommands.Close.class,
                ChangeCommands.Assign.class, ChangeCommands.Note.class, TailCommand.class, StatsCommand.class})
public final class AlertsCommand {
}
