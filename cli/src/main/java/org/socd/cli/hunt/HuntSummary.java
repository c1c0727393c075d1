package org.socd.cli.hunt;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import org.socd.rules.RuleMatch;
import org.socd.rules.events.EventFileReader;

/** Counts of a hunt, printed at the end: events, speed, unusable records, matches per rule. */
final class HuntSummary {

    private long events;
    private long matches;
    private long badRecords;
    private long unreadableFiles;
    private final Map<RuleMatch, Long> perRule = new HashMap<>();

    void event() {
        events++;
    }

    void match(RuleMatch match) {
        matches++;
        perRule.merge(match, 1L, Long::sum);
    }

    void fileRead(EventFileReader.Outcome outcome) {
        badRecords += outcome.badRecords();
    }

    void unreadable() {
        unreadableFiles++;
    }

    void print(PrintWriter err, long elapsedNanos, int files) {
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        err.printf("hunt: %d events from %d files in %.2f s (%.0f events/s), %d matches of %d rules",
                events, files, seconds, events / seconds, matches, perRule.size());
        if (badRecords > 0 || unreadableFiles > 0) {
            err.printf(", %d unusable records, %d unreadable files", badRecords, unreadableFiles);
        }
        err.println();
        perRule.entrySet().stream()
                .sorted(Map.Entry.<RuleMatch, Long>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().ruleId()))
                .forEach(e -> err.printf("  %7d  %-13s %s  %s%n", e.getValue(), e.getKey().level().sigmaName(),
                        e.getKey().ruleId(), e.getKey().ruleTitle()));
    }
}
