package org.socd.rules.correlation;

/**
 * What the engine drops, so every loss is counted. Called on the engine's (single) thread.
 */
public interface CorrelationMetrics {

    /** Ignores everything, for offline hunting. */
    CorrelationMetrics NONE = new CorrelationMetrics() {
        @Override
        public void groupEvicted(Correlation correlation) {}

        @Override
        public void entriesDropped(Correlation correlation, int entries) {}

        @Override
        public void lateEvent(Correlation correlation) {}

        @Override
        public void valueUnreadable(Correlation correlation) {}
    };

    /** A whole group's window was dropped to respect {@link CorrelationLimits}. */
    void groupEvicted(Correlation correlation);

    /** Oldest entries of a single huge group were dropped to respect {@link CorrelationLimits#maxEntries()}. */
    void entriesDropped(Correlation correlation, int entries);

    /** An event older than its group's window (out of order by more than the timespan) was ignored. */
    void lateEvent(Correlation correlation);

    /** A value_* correlation's field was missing or (for sums and averages) not a number; the event was ignored. */
    void valueUnreadable(Correlation correlation);
}
