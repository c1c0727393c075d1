package org.socd.correlator.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * Shard {@code ordinal} of {@code shards}: decodes the records whose sequence falls to it and
 * runs the rules on each event right away, on the same thread.
 *
 * <p>Why one thread for both steps and not a decode stage followed by a detect stage: the
 * event a record decodes into (its field map, its strings) is still in this core's cache when
 * the rules read it. Handed to another thread, every field lookup of the rules missed the
 * cache (JFR put half of a separate detect thread's samples on the first reads of the field
 * map), and every record paid one more hand-over between threads. Parallelism comes from the
 * shards, as before.
 *
 * <p>Disruptor 4 has no WorkerPool, so every shard sees every sequence and skips the ones
 * that are not its own; that costs a modulo per record and keeps the stage lock-free.
 */
final class ShardStage implements EventHandler<RecordSlot> {

    private final int ordinal;
    private final int shards;
    private final DecodeStage decode;
    private final DetectStage detect;
    /** A decode failure is counted and logged as the decode stage's, and skips detection. */
    private final StageExceptionHandler decodeFailures;

    ShardStage(int ordinal, int shards, DecodeStage decode, DetectStage detect, StageExceptionHandler decodeFailures) {
        this.ordinal = ordinal;
        this.shards = shards;
        this.decode = decode;
        this.detect = detect;
        this.decodeFailures = decodeFailures;
    }

    @Override
    public void onStart() {
        Thread.currentThread().setName("socd-shard-" + ordinal);
    }

    /** Detection failures reach the Disruptor's exception handler for this stage, the detect one. */
    @Override
    public void onEvent(RecordSlot slot, long sequence, boolean endOfBatch) {
        if (sequence % shards != ordinal) {
            return;
        }
        try {
            decode.decode(slot);
        } catch (RuntimeException e) {
            decodeFailures.handleEventException(e, sequence, slot);
            return;
        }
        detect.detect(slot);
    }
}
