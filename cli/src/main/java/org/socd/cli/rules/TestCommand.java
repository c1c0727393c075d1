package org.socd.cli.rules;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.socd.rules.RuleMatch;
import org.socd.rules.events.EventFileReader;
import org.socd.rules.pack.LoadedRules;
import org.socd.rules.pack.RuleError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code soc rules test RULE --events FILE}: which events of a file one rule matches. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run one rule over an event file (JSON lines, evtx_dump JSON or syslog) and list the matches.",
                "Exit status: 0 the rule matched, 1 it matched nothing, 2 the rule or the file is unusable."})
public final class TestCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RULE", description = "The Sigma rule file.")
    Path rule;

    @Option(names = "--events", required = true, paramLabel = "FILE", description = "The events to test against.")
    Path events;

    @Mixin
    RuleConfigOptions config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadedRules loaded;
        try {
            loaded = config.load(List.of(rule));
        } catch (RuleConfigOptions.ConfigException e) {
            err.println("soc: " + e.getMessage());
            return 2;
        }
        if (!loaded.errors().isEmpty() || loaded.ruleCount() == 0) {
            for (RuleError error : loaded.errors()) {
                err.println("soc: " + error);
            }
            if (loaded.ruleCount() == 0) {
                err.println("soc: " + rule + " holds no usable detection rule");
            }
            err.flush();
            return 2;
        }
        AtomicLong matched = new AtomicLong();
        EventFileReader.Outcome outcome;
        try {
            outcome = new EventFileReader().read(events, e -> {
                List<RuleMatch> matches = loaded.engine().evaluate(e.event());
                if (!matches.isEmpty()) {
                    matched.incrementAndGet();
                    out.println("match  " + e.source() + "  " + matches.get(0).ruleTitle());
                }
            });
        } catch (IOException e) {
            err.println("soc: cannot read " + events + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        if (outcome.badRecords() > 0) {
            err.println("soc: " + outcome.badRecords() + " unusable records, first: " + outcome.firstProblem());
        }
        out.printf("%d of %d events match%n", matched.get(), outcome.events());
        out.flush();
        err.flush();
        return matched.get() > 0 ? 0 : 1;
    }
}
