package org.socd.correlator.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SequenceBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BackoffWaitStrategyTest {

    private final RingBuffer<long[]> ring = RingBuffer.createMultiProducer(() -> new long[1], 16,
            new BackoffWaitStrategy(TimeUnit.MICROSECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(5)));
    private final SequenceBarrier barrier = ring.newBarrier();

    @Test
    void aWaiterSeesWhatIsPublishedAfterItStartedWaitingEvenWhileParked() throws Exception {
        AtomicLong seen = new AtomicLong(-1);
        Thread waiter = waiting(() -> seen.set(barrier.waitFor(2)));
        awaitParked(waiter);
        for (int i = 0; i < 3; i++) {
            ring.publish(ring.next());
        }
        waiter.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(2, seen.get());
        assertEquals(2, barrier.waitFor(1), "what is there already is returned at once");
    }

    @Test
    void anAlertEndsTheWait() throws Exception {
        AtomicReference<Exception> ended = new AtomicReference<>();
        Thread waiter = waiting(() -> {
            try {
                barrier.waitFor(0);
            } catch (AlertException e) {
                ended.set(e);
            }
        });
        awaitParked(waiter);
        barrier.alert();
        waiter.join(TimeUnit.SECONDS.toMillis(10));
        assertInstanceOf(AlertException.class, ended.get());
    }

    /** Something that waits on the barrier. */
    private interface Wait {
        void run() throws Exception;
    }

    private static Thread waiting(Wait wait) {
        Thread t = new Thread(() -> {
            try {
                wait.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "waiter");
        t.start();
        return t;
    }

    /** Until the waiter is past its spins and yields, parked in the strategy: the path under test. */
    private static void awaitParked(Thread waiter) {
        while (waiter.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
    }

    @Test
    void parksMustGrowFromAPositiveFirstPark() {
        assertThrows(IllegalArgumentException.class, () -> new BackoffWaitStrategy(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new BackoffWaitStrategy(10, 5));
    }
}
