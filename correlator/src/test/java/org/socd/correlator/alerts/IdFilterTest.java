package org.socd.correlator.alerts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class IdFilterTest {

    private static BytesRef id(long i) {
        return new BytesRef(String.format("%032x", i * 0x9E3779B97F4A7C15L));
    }

    @Test
    void everyAddedIdIsPerhapsThereAndFewOthersAre() {
        IdFilter filter = new IdFilter(100_000);
        for (long i = 0; i < 100_000; i++) {
            filter.add(id(i));
        }
        for (long i = 0; i < 100_000; i++) {
            assertTrue(filter.mightContain(id(i)), "added id " + i + " reported absent");
        }
        int falsePositives = 0;
        for (long i = 100_000; i < 200_000; i++) {
            if (filter.mightContain(id(i))) {
                falsePositives++;
            }
        }
        // About 1% by design; 3% would mean a broken hash, and updates instead of adds.
        assertTrue(falsePositives < 3_000, falsePositives + " false positives in 100,000");
        assertFalse(filter.full());
    }

    @Test
    void itSaysWhenItHoldsMoreThanItWasSizedFor() {
        IdFilter filter = new IdFilter(1024);
        for (long i = 0; i <= 1024; i++) {
            filter.add(id(i));
        }
        assertTrue(filter.full());
    }

    @Test
    void twoThreadsAddingLoseNothing() throws InterruptedException {
        IdFilter filter = new IdFilter(200_000);
        CountDownLatch start = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            await(start);
            for (long i = 0; i < 100_000; i += 2) {
                filter.add(id(i));
            }
        });
        other.start();
        start.countDown();
        for (long i = 1; i < 100_000; i += 2) {
            filter.add(id(i));
        }
        other.join();
        for (long i = 0; i < 100_000; i++) {
            assertTrue(filter.mightContain(id(i)), "id " + i + " lost");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
