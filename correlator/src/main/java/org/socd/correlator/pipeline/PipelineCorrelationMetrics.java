package org.socd.correlator.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.socd.rules.correlation.Correlation;
import org.socd.rules.correlation.CorrelationMatch;
import org.socd.rules.correlation.CorrelationMetrics;

/** The correlation engine's losses and firings as Micrometer counters, so every drop is visible. */
final class PipelineCorrelationMetrics implements CorrelationMetrics {

    private final Counter evicted;
    private final Counter dropped;
    private final Counter late;
    private final Counter unreadable;
    private final Counter matches;

    PipelineCorrelationMetrics(MeterRegistry registry) {
        this.evicted = Counter.builder("socd.correlation.groups.evicted")
                .description("Correlation windows dropped because a correlation held too many groups or entries "
                        + "(a flood of distinct group-by values)")
                .register(registry);
        this.dropped = Counter.builder("socd.correlation.entries.dropped")
                .description("Oldest events dropped from one correlation window that alone exceeded the entry bound")
                .register(registry);
        this.late = Counter.builder("socd.correlation.events.late")
                .description("Events ignored by a correlation because their time lies before their group's window")
                .register(registry);
        this.unreadable = Counter.builder("socd.correlation.values.unreadable")
                .description("Events ignored by a value_* correlation because its field was missing or not a number")
                .register(registry);
        this.matches = Counter.builder("socd.correlation.matches")
                .description("Correlations that fired, including inner ones of a chain that raise no alert themselves")
                .register(registry);
    }

    void fired(CorrelationMatch match) {
        matches.increment();
    }

    @Override
    public void groupEvicted(Correlation correlation) {
        evicted.increment();
    }

    @Override
    public void entriesDropped(Correlation correlation, int entries) {
        dropped.increment(entries);
    }

    @Override
    public void lateEvent(Correlation correlation) {
        late.increment();
    }

    @Override
    public void valueUnreadable(Correlation correlation) {
        unreadable.increment();
    }
}
