package org.socd.cli.rules;

import picocli.CommandLine.Command;

/** {@code soc rules ...}: offline rule tools (no daemon needed). */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Validate and test Sigma rules offline.",
        subcommands = {ValidateCommand.class, TestCommand.class})
public final class RulesCommand {
}
