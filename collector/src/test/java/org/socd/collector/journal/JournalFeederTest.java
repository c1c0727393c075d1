package org.socd.collector.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socd.correlator.alerts.Alert;
import org.socd.correlator.alerts.AlertSink;
import org.socd.correlator.pipeline.Pipeline;
import org.socd.correlator.pipeline.PipelineSettings;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JournalFeederTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** What the decode stage saw, in ring order (one decode shard). */
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    /** The decode stage waits on this: closed, it makes the pipeline fall behind the journal. */
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /**
     * Three records in a row share their metadata, as the records of one TCP read do (the
     * feeder reuses it then), and the next three differ from them in peer, port or time.
     */
    private static ReceiveMetadata meta(int i) {
        int read = i / 3;
        return new ReceiveMetadata("syslog-tcp", read % 3 == 0 ? null : "10.0.0." + (read % 7), 1000 + read % 5,
                1_000_000_000L * read + 7);
    }

    private static String line(int i) {
        return "<13>Nov 26 23:00:00 host app: line " + i;
    }

    private static String expected(int i) {
        return meta(i) + " " + line(i);
    }

    private Event decode(byte[] data, int offset, int length, ReceiveMetadata meta) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String text = new String(data, offset, length, StandardCharsets.UTF_8);
        seen.add(meta + " " + text);
        return new Event().put(Event.RAW, text);
    }

    private static void append(Journal j, int from, int to) {
        for (int i = from; i < to; i++) {
            byte[] b = line(i).getBytes(StandardCharsets.UTF_8);
            while (j.tryAppend(b, 0, b.length, meta(i)) < 0) {
                Thread.onSpinWait(); // buffer full: the writer is behind
            }
        }
    }

    private double fed(String source) {
        return registry.get("socd.journal.fed.records").tag("source", source).counter().count();
    }

    private void assertSeenInOrder(int end) {
        List<String> copy;
        synchronized (seen) {
            copy = new ArrayList<>(seen);
        }
        assertEquals(end, copy.size(), "every record reaches the pipeline exactly once");
        for (int i = 0; i < end; i++) {
            assertEquals(expected(i), copy.get(i), "record " + i + " with its metadata, in journal order");
        }
    }

    @Test
    void everyRecordReachesThePipelineOnceInOrderWhetherFromMemoryOrFromDisk() throws Exception {
        // 256 KiB append buffer: the hand-off holds 1 MiB, far less than phase 2 appends.
        JournalSettings settings = new JournalSettings(dir, 64 * 1024, 2, 1 << 20, 256 * 1024, 1L << 30,
                Duration.ofDays(1), 0);
        AlertSink sink = new AlertSink() {
            @Override
            public void accept(Alert alert) {
            }

            @Override
            public void endOfBatch() {
            }
        };
        try (Journal journal = Journal.open(settings, registry)) {
            append(journal, 0, 2_000);
            while (journal.durableEnd() < 2_000) {
                journal.awaitDurable(journal.durableEnd(), 50);
            }
            Pipeline pipeline = new Pipeline(new PipelineSettings(256, 1), this::decode, e -> List.of(), sink,
                    registry, Clock.systemUTC());
            pipeline.start();
            JournalFeeder feeder = new JournalFeeder(journal, pipeline, () -> { }, 20);
            try {
                // 1. What was in the journal before the feeder existed is read from disk.
                feeder.start();
                feeder.awaitProcessed(2_000);
                assertSeenInOrder(2_000);
                assertEquals(2_000, fed("disk"));
                assertEquals(0, fed("memory"));

                // 2. The pipeline stalls while 38,000 records (~3.4 MB) arrive: the hand-off
                // fills, the rest is read back from disk, then memory takes over again.
                gate = new CountDownLatch(1);
                append(journal, 2_000, 40_000);
                while (journal.durableEnd() < 40_000) {
                    journal.awaitDurable(journal.durableEnd(), 50);
                }
                gate.countDown();
                feeder.awaitProcessed(40_000);
                assertSeenInOrder(40_000);
                assertTrue(fed("memory") > 0, "some came from memory: " + fed("memory"));
                assertTrue(fed("disk") > 2_000, "what did not fit was read from disk: " + fed("disk"));
                assertEquals(40_000, fed("memory") + fed("disk"));

                // 3. A pipeline that keeps up takes every new record from memory.
                double disk = fed("disk");
                append(journal, 40_000, 40_100);
                feeder.awaitProcessed(40_100);
                assertSeenInOrder(40_100);
                assertEquals(disk, fed("disk"), "nothing read back from disk");

                feeder.checkpointNow();
                assertEquals(40_100, journal.checkpoint());
            } finally {
                feeder.close();
                pipeline.close();
            }
        }
    }
}
