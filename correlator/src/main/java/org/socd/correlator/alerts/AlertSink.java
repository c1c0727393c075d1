package org.socd.correlator.alerts;

/**
 * Where the pipeline hands the alerts it raises. Both methods are called from one thread
 * only (the pipeline's alert stage), so implementations need no locking of their own for
 * these calls. {@link #endOfBatch()} marks the end of a run of records taken from the ring
 * in one go: the place to do I/O that should not happen per alert (refresh, flush).
 *
 * <p>Implementations should not throw: a failure to keep one alert is theirs to count and
 * report; an exception is counted by the pipeline as an alert-stage error.
 */
public interface AlertSink {
    void accept(Alert alert);

    void endOfBatch();
}
