package org.socd.correlator.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.locks.LockSupport;

/**
 * Disruptor's sleeping strategy (spin, then yield, then park) with parks that start short and
 * double up to a ceiling, instead of one fixed park: a stage that finds the ring empty for a
 * moment under load is back within tens of microseconds, and a quiet one still wakes only every
 * few milliseconds.
 *
 * <p>Why: with a fixed 5 ms park, every moment a stage caught up with its producer cost up to
 * 5 ms of idleness, while the producer refilled the ring behind it. With the journal on, the
 * journal feeder publishes runs between its own waits, and the shard thread, the pipeline's
 * bottleneck, sat idle 8-14 % of the time (schedstat in {@code IngestBenchmark}); with the
 * journal off the Netty threads publish continuously and it never did. With this strategy it
 * is never idle, and ingest gained 5-16 % in both journal modes (docs/PERFORMANCE.md).
 */
final class BackoffWaitStrategy implements WaitStrategy {

    private static final int SPINS = 100;
    private static final int YIELDS = 100;

    private final long firstParkNanos;
    private final long maxParkNanos;

    BackoffWaitStrategy(long firstParkNanos, long maxParkNanos) {
        if (firstParkNanos < 1 || maxParkNanos < firstParkNanos) {
            throw new IllegalArgumentException("parks must grow from a positive first park, got " + firstParkNanos
                    + " ns up to " + maxParkNanos + " ns");
        }
        this.firstParkNanos = firstParkNanos;
        this.maxParkNanos = maxParkNanos;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException {
        long available;
        int tries = 0;
        long park = firstParkNanos;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (tries < SPINS) {
                tries++;
                Thread.onSpinWait();
            } else if (tries < SPINS + YIELDS) {
                tries++;
                Thread.yield();
            } else {
                LockSupport.parkNanos(park);
                park = Math.min(park * 2, maxParkNanos);
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        // Nobody blocks: waiters park for a bounded time and look again.
    }
}
