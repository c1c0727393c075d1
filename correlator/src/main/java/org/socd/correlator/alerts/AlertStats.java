package org.socd.correlator.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The answer to a {@link StatsQuery}.
 *
 * @param total     alerts matching in the window
 * @param groups    the largest groups, largest first
 * @param interval  the histogram's bucket width
 * @param histogram one bucket per interval from the window start, empty ones included
 */
public record AlertStats(long total, List<Group> groups, Duration interval, List<Bucket> histogram) {
    public AlertStats {
        groups = List.copyOf(groups);
        histogram = List.copyOf(histogram);
    }

    /**
     * @param key   the value counted by (rule id, host, level, tactic)
     * @param label a readable name for the key (the rule title for rules), else the key
     * @param count alerts with that value
     */
    public record Group(String key, String label, long count) {
    }

    /** @param start bucket start; @param count alerts detected in [start, start + interval) */
    public record Bucket(Instant start, long count) {
    }
}
