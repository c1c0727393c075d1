package org.socd.cli.rules;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.socd.cli.correlation.OfflineCorrelation;
import org.socd.rules.RuleMatch;
import org.socd.rules.correlation.CorrelationMatch;
import org.socd.rules.events.EventFileReader;
import org.socd.rules.pack.LoadedRules;
import org.socd.rules.pack.RuleError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code soc rules test RULE --events FILE}: which events of a file one rule matches. A rule file
 * may hold a correlation rule together with the rules it references (one YAML document each):
 * the events then also run through the correlation, in file order, and its matches are listed.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run one rule over an event file (JSON lines, evtx_dump JSON or syslog) and list the matches.",
                "A correlation rule is tested together with the rules it references, given in the same file.",
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
        AtomicLong correlated = new AtomicLong();
        OfflineCorrelation correlation = new OfflineCorrelation(loaded);
        EventFileReader.Outcome outcome;
        try {
            outcome = new EventFileReader().read(events, e -> {
                List<RuleMatch> matches = loaded.engine().evaluate(e.event());
                if (!matches.isEmpty()) {
                    matched.incrementAndGet();
                    out.println("match  " + e.source() + "  " + matches.get(0).ruleTitle());
                }
                for (CorrelationMatch fired : correlation.offer(matches, e.event(), e.source())) {
                    correlated.incrementAndGet();
                    out.println("correlation  " + e.source() + "  " + fired.rule().ruleTitle()
                            + "  (" + describe(fired) + ")");
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
        if (loaded.correlationCount() > 0) {
            out.printf("%d correlation matches%n", correlated.get());
        }
        out.flush();
        err.flush();
        boolean hit = loaded.correlationCount() > 0 ? correlated.get() > 0 : matched.get() > 0;
        return hit ? 0 : 1;
    }

    /** What made a correlation fire: its group and value over how many events in what span. */
    private static String describe(CorrelationMatch fired) {
        String group = fired.groupKey().isEmpty() ? "" : "group " + fired.groupKey() + ", ";
        double value = fired.value();
        String shown = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return group + fired.correlation().type().sigmaName() + " " + shown
                + " over " + fired.eventCount() + " events, " + fired.first() + " .. " + fired.last();
    }
}
