package org.socd.correlator.pipeline;

import com.lmax.disruptor.EventHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.socd.correlator.alerts.Alert;
import org.socd.correlator.alerts.AlertSink;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;
import org.socd.rules.RuleMatch;
import org.socd.rules.correlation.CorrelationEngine;
import org.socd.rules.correlation.CorrelationLimits;
import org.socd.rules.correlation.CorrelationMatch;
import org.socd.rules.correlation.Correlations;

/**
 * The single last stage: raises one alert per rule match, hands it to the sink, and frees
 * the slot. One thread, so the sink sees alerts in ring order and needs no locking, and so the
 * correlation state (which must see every event in one order) lives here: matches of rules that
 * a correlation references without {@code generate: true} feed the correlation engine instead of
 * alerting, and correlation matches become alerts. When a rule reload brings a new correlation
 * set, the engine is rebuilt and open windows are dropped (a window started under the old rules
 * would mix two rule sets).
 */
final class AlertStage implements EventHandler<RecordSlot> {

    private final AlertFactory factory;
    private final AlertSink sink;
    private final TaggedCounters alerts;
    /**
     * Records at journal positions below this are a warm-up: processed again after a restart only
     * to rebuild the correlation windows, their alerts having been raised before the checkpoint.
     */
    private volatile long warmUpEnd = -1;
    /** Journal position after the last record whose alerts the sink has had at a batch end. */
    private volatile long processedEnd = -1;
    private long batchEnd = -1;

    private final Supplier<Correlations> correlations;
    private final CorrelationLimits correlationLimits;
    private final PipelineCorrelationMetrics correlationMetrics;
    private final Counter suppressed;
    private CorrelationEngine engine;
    /** Groups held by the engine after the last record, for the gauge (read from the metrics thread). */
    private volatile int groups;

    /** A stage without correlations: every rule match is an alert. */
    AlertStage(AlertSink sink, MeterRegistry registry, Clock clock) {
        this(sink, registry, clock, Correlations::none, CorrelationLimits.DEFAULTS);
    }

    AlertStage(AlertSink sink, MeterRegistry registry, Clock clock, Supplier<Correlations> correlations,
               CorrelationLimits correlationLimits) {
        this.correlationLimits = correlationLimits;
        this.factory = new AlertFactory(clock);
        this.sink = sink;
        this.correlations = correlations;
        this.correlationMetrics = new PipelineCorrelationMetrics(registry);
        this.suppressed = Counter.builder("socd.alerts.suppressed")
                .description("Rule matches not raised as alerts because a correlation references the rule "
                        + "without 'generate: true' (they feed the correlation instead)")
                .register(registry);
        this.alerts = new TaggedCounters(registry, "socd.alerts", "Alerts raised, by rule level", "level");
        for (org.socd.rules.Level level : org.socd.rules.Level.values()) {
            alerts.preRegister(level.sigmaName());
        }
    }

    /** Correlation windows held after the last record; safe from any thread. */
    int correlationGroups() {
        return groups;
    }

    /** See {@link Pipeline#warmUpUntil}. */
    void warmUpUntil(long end) {
        warmUpEnd = end;
    }

    /** See {@link Pipeline#processedEnd()}. */
    long processedEnd() {
        return processedEnd;
    }

    private void correlate(Correlations set, List<RuleMatch> matches, Event event, RecordSlot slot) {
        List<CorrelationMatch> fired = offer(set, matches, event, slot);
        for (CorrelationMatch match : fired) {
            correlationMetrics.fired(match);
            if (match.alerts()) {
                sink.accept(factory.create(match));
                alerts.increment(match.rule().level().sigmaName());
            }
        }
        groups = engine == null ? 0 : engine.groups();
    }

    /**
     * A record of the warm-up: into the correlation windows, exactly as the first time, but
     * no alert (they were raised the first time, under the same ids) and no match counted.
     */
    private void warmUp(Correlations set, List<RuleMatch> matches, Event event, RecordSlot slot) {
        offer(set, matches, event, slot);
        groups = engine == null ? 0 : engine.groups();
    }

    private List<CorrelationMatch> offer(Correlations set, List<RuleMatch> matches, Event event, RecordSlot slot) {
        if (set.isEmpty() || matches.stream().noneMatch(match -> set.feeds(match.ruleId()))) {
            return List.of();
        }
        if (engine == null || engine.correlations() != set) {
            engine = new CorrelationEngine(set, correlationLimits, correlationMetrics);
        }
        ReceiveMetadata meta = slot.meta();
        String eventId = factory.eventId(meta, slot.buffer(), slot.length());
        return engine.offer(matches, event, eventId, Instant.ofEpochSecond(0, meta.receivedNanos()));
    }

    @Override
    public void onStart() {
        Thread.currentThread().setName("socd-alert");
    }

    @Override
    public void onEvent(RecordSlot slot, long sequence, boolean endOfBatch) {
        ReceiveMetadata meta = slot.meta();
        if (slot.position() >= 0) {
            batchEnd = slot.position() + 1;
        }
        try {
            Event event = slot.event();
            List<RuleMatch> matches = slot.matches();
            if (event != null && matches != null && !matches.isEmpty()) {
                Correlations set = correlations.get();
                if (slot.position() >= 0 && slot.position() < warmUpEnd) {
                    warmUp(set, matches, event, slot);
                    return;
                }
                for (RuleMatch match : matches) {
                    if (!set.alertsOnItsOwn(match.ruleId())) {
                        suppressed.increment();
                        continue;
                    }
                    Alert alert = factory.create(match, event, slot.meta(), slot.buffer(), slot.length());
                    sink.accept(alert);
                    alerts.increment(match.level().sigmaName());
                }
                correlate(set, matches, event, slot);
            }
        } catch (RuntimeException e) {
            // The slot is cleared below, before the exception handler sees it; say here which
            // record it was so the log line can be traced back to the sender.
            throw new IllegalStateException("cannot raise alerts for the record from " + meta.input() + " "
                    + meta.peerAddress() + ":" + meta.peerPort() + " received at " + meta.receivedNanos()
                    + " ns: " + e.getMessage(), e);
        } finally {
            // Both in finally: a failing record must neither keep its event reachable while the
            // slot waits for reuse, nor hold back the flush of the alerts before it.
            slot.clear();
            if (endOfBatch) {
                try {
                    sink.endOfBatch();
                } finally {
                    // After endOfBatch, not per record: a sink may hold alerts until then, and
                    // a checkpoint must not pass a record whose alerts the sink has not taken.
                    processedEnd = batchEnd;
                }
            }
        }
    }
}
