package org.socd.cli.rules;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.socd.cli.output.Table;
import org.socd.rules.engine.CompiledRule;
import org.socd.rules.correlation.Correlation;
import org.socd.rules.pack.LoadedRules;
import org.socd.rules.pack.RuleError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code soc rules validate PATH...}: compiles every rule, prints a table, exits 1 when any file is rejected. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Compile Sigma rule files and directories (recursively) and report every problem.",
                "Exit status: 0 all rules valid, 1 some rejected, 2 bad configuration."})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Rule files or directories.")
    List<Path> paths;

    @Mixin
    RuleConfigOptions config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LoadedRules loaded;
        try {
            loaded = config.load(paths);
        } catch (RuleConfigOptions.ConfigException e) {
            spec.commandLine().getErr().println("soc: " + e.getMessage());
            return 2;
        }
        Table table = new Table(List.of("STATUS", "FILE", "RULE", "DETAIL"), new int[] {8, 200, 60, 400});
        for (CompiledRule rule : loaded.engine().rules()) {
            table.add(List.of("ok", rule.source().toString(), rule.id(), rule.match().ruleTitle()));
        }
        for (Correlation correlation : loaded.correlations().ordered()) {
            table.add(List.of("ok", correlation.definition().source().toString(), correlation.id(),
                    correlation.definition().title() + " (" + correlation.type().sigmaName() + ")"));
        }
        for (RuleError error : loaded.errors()) {
            table.add(List.of("ERROR", error.location(), "-", error.message()));
        }
        table.print(out);
        out.printf("%d rules valid, %d correlations valid, %d rejected%n", loaded.ruleCount(), loaded.correlationCount(),
                loaded.errors().size());
        out.flush();
        return loaded.errors().isEmpty() ? 0 : 1;
    }
}
