package org.socd.correlator.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * Counts and logs a failure of one stage on one record, then lets the stage go on with the
 * next record. Disruptor's default handler would rethrow and end the stage thread, which
 * stops the whole pipeline and, once the ring fills, every input.
 */
final class StageExceptionHandler implements ExceptionHandler<RecordSlot> {

    private static final Logger LOG = System.getLogger(Pipeline.class.getName());

    private final String stage;
    private final Counter errors;
    private long lastLogNanos;
    private long suppressed;

    StageExceptionHandler(String stage, MeterRegistry registry) {
        this.stage = stage;
        this.errors = Counter.builder("socd.pipeline.errors")
                .description("Records a pipeline stage failed on (the record is skipped), by stage")
                .tag("stage", stage)
                .register(registry);
    }

    @Override
    public synchronized void handleEventException(Throwable error, long sequence, RecordSlot slot) {
        errors.increment();
        // One line a second per stage: a broken rule fails on every event, and the log must
        // still be readable. The counter has the full number.
        long now = System.nanoTime();
        if (lastLogNanos != 0 && now - lastLogNanos < TimeUnit.SECONDS.toNanos(1)) {
            suppressed++;
            return;
        }
        lastLogNanos = now;
        String source = slot == null || slot.meta() == null ? ""
                : " (" + slot.meta().input() + " from " + slot.meta().peerAddress() + ":" + slot.meta().peerPort() + ")";
        LOG.log(Level.WARNING, "pipeline " + stage + " stage failed on record " + sequence + source
                + "; the record is skipped" + (suppressed > 0 ? ", " + suppressed + " similar failures not logged" : "")
                + "; socd_pipeline_errors_total{stage=\"" + stage + "\"} counts them all", error);
        suppressed = 0;
    }

    @Override
    public void handleOnStartException(Throwable error) {
        errors.increment();
        LOG.log(Level.ERROR, "pipeline " + stage + " stage failed to start", error);
    }

    @Override
    public void handleOnShutdownException(Throwable error) {
        errors.increment();
        LOG.log(Level.WARNING, "pipeline " + stage + " stage failed while shutting down", error);
    }
}
