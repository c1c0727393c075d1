package org.socd.correlator.pipeline;

import com.lmax.disruptor.EventHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.socd.correlator.alerts.Alert;
import org.socd.correlator.alerts.AlertSink;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;
import org.socd.rules.RuleMatch;

/**
 * The single last stage: raises one alert per rule match, hands it to the sink, and frees
 * the slot. One thread, so the sink sees alerts in ring order and needs no locking.
 */
final class AlertStage implements EventHandler<RecordSlot> {

    private final AlertFactory factory;
    private final AlertSink sink;
    private final TaggedCounters alerts;
    /** Journal position after the last record whose alerts the sink has had at a batch end. */
    private volatile long processedEnd = -1;
    private long batchEnd = -1;

    AlertStage(AlertSink sink, MeterRegistry registry, Clock clock) {
        this.factory = new AlertFactory(clock);
        this.sink = sink;
        this.alerts = new TaggedCounters(registry, "socd.alerts", "Alerts raised, by rule level", "level");
        for (org.socd.rules.Level level : org.socd.rules.Level.values()) {
            alerts.preRegister(level.sigmaName());
        }
    }

    /** See {@link Pipeline#processedEnd()}. */
    long processedEnd() {
        return processedEnd;
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
            if (event != null && matches != null) {
                for (RuleMatch match : matches) {
                    Alert alert = factory.create(match, event, slot.meta(), slot.buffer(), slot.length());
                    sink.accept(alert);
                    alerts.increment(match.level().sigmaName());
                }
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
