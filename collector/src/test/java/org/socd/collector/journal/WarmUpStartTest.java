package org.socd.collector.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.protocol.event.ReceiveMetadata;

class WarmUpStartTest {

    @TempDir
    Path dir;

    /** Record i is received at second i; the checkpoint is at 1000. */
    private Journal journalOfAThousandSeconds() throws Exception {
        Journal journal = Journal.open(JournalSettings.defaults(dir), new SimpleMeterRegistry());
        for (int i = 0; i < 1000; i++) {
            byte[] b = ("<13>line " + i).getBytes(StandardCharsets.UTF_8);
            while (journal.tryAppend(b, 0, b.length, new ReceiveMetadata("syslog-tcp", "10.0.0.1", 514,
                    1_000_000_000L * i)) < 0) {
                Thread.onSpinWait();
            }
        }
        assertTrue(journal.awaitDurable(999, 30_000), "all 1000 records durable, got " + journal.durableEnd());
        journal.checkpoint(1000);
        return journal;
    }

    @Test
    void startsAtTheFirstRecordWithinTheSpanBeforeTheLastProcessedOne() throws Exception {
        try (Journal journal = journalOfAThousandSeconds()) {
            // The last processed record (999) was received at 999 s: a 60 s window reaches back to 939 s.
            assertEquals(939, WarmUpStart.find(journal, Duration.ofSeconds(60), 1_000_000));
            assertEquals(999, WarmUpStart.find(journal, Duration.ofMillis(1), 1_000_000));
            assertEquals(0, WarmUpStart.find(journal, Duration.ofHours(1), 1_000_000), "no further back than the oldest record");
            assertEquals(900, WarmUpStart.find(journal, Duration.ofHours(1), 100), "no more than maxRecords");
            assertEquals(1000, WarmUpStart.find(journal, Duration.ZERO, 1_000_000), "no correlations, no warm-up");
        }
    }
}
