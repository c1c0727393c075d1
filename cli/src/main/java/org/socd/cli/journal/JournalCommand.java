package org.socd.cli.journal;

import picocli.CommandLine.Command;

/** {@code soc journal ...}: the durable journal's subcommands. */
@Command(name = "journal", mixinStandardHelpOptions = true, description = "Inspect socd's durable journal.",
        subcommands = {StatusCommand.class})
public final class JournalCommand {
}
