package org.socd.correlator.alerts;

/**
 * Hands every alert to two sinks in order: the store first, so that whoever the second one
 * tells (a live stream) can already find the alert by id.
 */
public record TeeSink(AlertSink first, AlertSink second) implements AlertSink {
    @Override
    public void accept(Alert alert) {
        first.accept(alert);
        second.accept(alert);
    }

    @Override
    public void endOfBatch() {
        first.endOfBatch();
        second.endOfBatch();
    }
}
