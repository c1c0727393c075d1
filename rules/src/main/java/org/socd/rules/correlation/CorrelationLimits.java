package org.socd.rules.correlation;

/**
 * Bounds on the correlation engine's state, so that a flood of distinct group keys (one per
 * spoofed source address) or of events cannot exhaust memory. Per correlation.
 *
 * @param maxGroups        groups (distinct group-by values) kept; beyond it the least recently
 *                         updated group is evicted and counted
 * @param maxEntries       window entries (one per contributing event and group) kept over all
 *                         groups; beyond it the least recently updated group is evicted, or the
 *                         oldest entries of the only group dropped, and counted
 * @param eventsPerMatch   contributing events a match carries in full (the most recent ones)
 */
public record CorrelationLimits(int maxGroups, int maxEntries, int eventsPerMatch) {

    /**
     * 10 000 groups and 50 000 entries per correlation, 10 events per match. Worst case per
     * correlation: 50 000 small entries plus the retained events (at most 10 per group, never more
     * than the entries), i.e. roughly 50 000 times the size of one event.
     */
    public static final CorrelationLimits DEFAULTS = new CorrelationLimits(10_000, 50_000, 10);

    public CorrelationLimits {
        if (maxGroups < 1 || maxEntries < 1 || eventsPerMatch < 1) {
            throw new IllegalArgumentException("correlation limits must be positive: " + maxGroups + ", "
                    + maxEntries + ", " + eventsPerMatch);
        }
    }
}
