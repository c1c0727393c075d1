package org.socd.correlator.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SequenceBarrier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BackoffWaitStrategyTest {

    private final RingBuffer<long[]> ring = RingBuffer.createMultiProducer(() -> new long[1], 16,
            new BackoffWaitStrategy(TimeUnit.MICROSECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(5)));
    private final SequenceBarrier barrier = ring.newBarrier();

    @Test
    void aWaiterSeesWhatIsPublishedAfterItStartedWaitingEvenWhileParked() throws Exception {
        CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> {
            try {
                return barrier.waitFor(2);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50); // long past the spins and yields: the waiter is parking, 5 ms at a time by now
        for (int i = 0; i < 3; i++) {
            ring.publish(ring.next());
        }
        assertEquals(2, waited.get(10, TimeUnit.SECONDS));
        assertEquals(2, barrier.waitFor(1), "what is there already is returned at once");
    }

    @Test
    void anAlertEndsTheWait() throws Exception {
        CompletableFuture<Void> alerted = CompletableFuture.runAsync(() -> assertThrows(AlertException.class,
                () -> barrier.waitFor(0)));
        Thread.sleep(20);
        barrier.alert();
        alerted.get(10, TimeUnit.SECONDS);
    }

    @Test
    void parksMustGrowFromAPositiveFirstPark() {
        assertThrows(IllegalArgumentException.class, () -> new BackoffWaitStrategy(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new BackoffWaitStrategy(10, 5));
    }
}
