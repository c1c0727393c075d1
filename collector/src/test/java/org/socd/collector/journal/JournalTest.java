package org.socd.collector.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socd.protocol.event.ReceiveMetadata;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private JournalSettings small() {
        return small(true);
    }

    private JournalSettings small(boolean directIo) {
        return new JournalSettings(dir, 64 * 1024, 5, 1 << 20, 1 << 20, 1 << 30, Duration.ofDays(1), 0, directIo);
    }

    private static ReceiveMetadata meta(int i) {
        return new ReceiveMetadata("syslog-tcp", i % 2 == 0 ? "127.0.0.1" : null, 1000 + i, 1_000_000_000L * i + 7);
    }

    private static byte[] line(int i) {
        return ("<13>Nov 26 23:00:00 host app: line " + i).getBytes(StandardCharsets.UTF_8);
    }

    private static void append(Journal j, int from, int to) {
        for (int i = from; i < to; i++) {
            byte[] b = line(i);
            while (j.tryAppend(b, 0, b.length, meta(i)) < 0) {
                Thread.onSpinWait();
            }
        }
    }

    private static void awaitDurable(Journal j, long end) {
        await(() -> j.durableEnd() >= end, "durable end " + end);
    }

    /** Appends records 0 .. n-1 to a new journal (small segments), closes it and lists its segment files in order. */
    private List<Path> segmentsOfClosedJournal(int n) throws IOException {
        try (Journal j = Journal.open(small(), registry)) {
            append(j, 0, n);
            awaitDurable(j, n);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
    }

    private static List<String> readAll(Journal j, long from) throws IOException {
        List<String> out = new ArrayList<>();
        JournalRecord r = new JournalRecord();
        try (JournalReader reader = j.reader(from)) {
            while (reader.next(r)) {
                String text = new String(r.data(), 0, r.length(), StandardCharsets.UTF_8);
                int i = Integer.parseInt(text.substring(text.lastIndexOf(' ') + 1));
                assertEquals(meta(i), r.meta(), "metadata of record " + r.position());
                out.add(r.position() + ":" + i);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "direct I/O {0}")
    @ValueSource(booleans = {true, false})
    void recordsComeBackInOrderWithTheirMetadataAcrossSegmentsAndRestarts(boolean directIo) throws Exception {
        JournalSettings settings = small(directIo);
        try (Journal j = Journal.open(settings, registry)) {
            append(j, 0, 5_000);
            awaitDurable(j, 5_000);
            assertTrue(j.status().segments() > 3, "small segments roll: " + j.status());
            List<String> all = readAll(j, 0);
            assertEquals(5_000, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i + ":" + i, all.get(i));
            }
            assertEquals("4321:4321", readAll(j, 4321).get(0), "seek through the sparse index");
            assertEverySeekLandsOnItsRecord(j, 5_000);
        }
        try (Journal j = Journal.open(settings, new SimpleMeterRegistry())) {
            assertEquals(5_000, j.durableEnd());
            append(j, 5_000, 5_010);
            awaitDurable(j, 5_010);
            List<String> tail = readAll(j, 4_990);
            assertEquals(20, tail.size());
            assertEquals("5009:5009", tail.get(19));
            assertEverySeekLandsOnItsRecord(j, 5_010); // the closed segments' indexes as saved
        }
    }

    /**
     * Seeks to many positions: each lands on its own record, so every index entry (made from
     * the marks the appends left, across batches and segment ends) names a record's true start.
     */
    private static void assertEverySeekLandsOnItsRecord(Journal j, int end) throws IOException {
        JournalRecord r = new JournalRecord();
        for (int p = 0; p < end; p += 7) {
            try (JournalReader reader = j.reader(p)) {
                assertTrue(reader.next(r), "a record at position " + p);
                assertEquals(p, r.position(), "the first record read after seeking to " + p);
                String text = new String(r.data(), 0, r.length(), StandardCharsets.UTF_8);
                assertEquals(line(p).length, r.length(), "record " + p + ": " + text);
            }
        }
        // A wrong offset in the index would be read as corrupt bytes and resynchronised past.
        assertEquals(0, j.status().corruptRecords(), j.status().toString());
    }

    /**
     * A run of one read's records: consecutive positions, one metadata, interleaved with single
     * appends; a run larger than the buffer is taken only in part, and the rest after the
     * writer catches up.
     */
    @Test
    void runsAreAppendedAsTheirRecordsOneByOneAndOnlyWhatFits() throws Exception {
        JournalSettings tight = new JournalSettings(dir, 64 * 1024, 5, 1 << 20, 256 * 1024, 1 << 30,
                Duration.ofDays(1), 0);
        try (Journal j = Journal.open(tight, registry)) {
            int records = 6_000;
            // One array for all, as the frame decoder shares one among the frames of a read.
            byte[][] arrays = new byte[records][];
            int[] offsets = new int[records];
            int[] lengths = new int[records];
            java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < records; i++) {
                byte[] b = line(i);
                offsets[i] = joined.size();
                lengths[i] = b.length;
                joined.writeBytes(b);
            }
            java.util.Arrays.fill(arrays, joined.toByteArray());
            ReceiveMetadata shared = new ReceiveMetadata("syslog-tcp", "192.0.2.9", 514, 42);
            byte[] single = "single".getBytes(StandardCharsets.UTF_8);
            assertEquals(0, j.tryAppend(single, 0, single.length, meta(0)));
            int from = 0;
            int calls = 0;
            while (from < records) {
                int taken = j.offer(arrays, offsets, lengths, from, records, shared);
                from += taken;
                calls++;
                if (taken == 0) {
                    Thread.onSpinWait();
                }
            }
            assertTrue(calls > 1, "6,000 records of ~40 bytes do not fit a 256 KiB buffer at once");
            assertEquals(records + 1, j.tryAppend(single, 0, single.length, meta(1)));
            awaitDurable(j, records + 2);
            JournalRecord r = new JournalRecord();
            try (JournalReader reader = j.reader(1)) {
                for (int i = 0; i < records; i++) {
                    assertTrue(reader.next(r));
                    assertEquals(i + 1, r.position());
                    assertEquals(shared, r.meta());
                    assertEquals("<13>Nov 26 23:00:00 host app: line " + i,
                            new String(r.data(), 0, r.length(), StandardCharsets.UTF_8));
                }
                assertTrue(reader.next(r));
                assertEquals("single", new String(r.data(), 0, r.length(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void durableCallbacksRunAfterTheFsyncOfTheirRecord() throws Exception {
        try (Journal j = Journal.open(small(), registry)) {
            byte[] b = line(1);
            long p = j.tryAppend(b, 0, b.length, meta(1));
            CountDownLatch done = new CountDownLatch(1);
            long[] seen = new long[1];
            j.whenDurable(p, () -> {
                seen[0] = j.durableEnd();
                done.countDown();
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertTrue(seen[0] > p, "callback ran before the record was durable");
            CountDownLatch immediate = new CountDownLatch(1);
            j.whenDurable(p, immediate::countDown);
            assertEquals(0, immediate.getCount(), "already durable: runs at once");
        }
    }

    @Test
    void aTornLastRecordIsTruncatedAndACorruptRecordInAClosedSegmentIsSkipped() throws Exception {
        List<Path> logs = segmentsOfClosedJournal(3_000);
        Path closed = logs.get(0);
        try (RandomAccessFile f = new RandomAccessFile(closed.toFile(), "rw")) {
            f.seek(30_000); // well inside; breaks the record that spans it
            f.write(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
        }
        Path last = logs.get(logs.size() - 1);
        long size = Files.size(last);
        try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
            f.setLength(size - 5); // the last record loses its end, as after a power cut mid-write
        }

        SimpleMeterRegistry r2 = new SimpleMeterRegistry();
        try (Journal j = Journal.open(small(), r2)) {
            assertEquals(2_999, j.durableEnd(), "the torn record is gone, the rest of the last segment stays");
            List<String> all = readAll(j, 0);
            assertTrue(all.size() >= 2_990 && all.size() < 2_999, "only the corrupt record(s) are missing: " + all.size());
            JournalStatus status = j.status();
            assertTrue(status.corruptRecords() >= 1, status.toString());
            assertTrue(status.truncatedBytes() > 0, status.toString());
            assertEquals(status.corruptRecords(), 2_999 - all.size(), "every skipped record is counted");
            append(j, 3_000, 3_001);
            awaitDurable(j, 3_000);
            assertTrue(readAll(j, 2_998).get(1).startsWith("2999:3000"), "appends continue after the cut");
        }
    }

    @Test
    void zerosAfterTheLastRecordAreDirectIoPaddingNotDamage() throws Exception {
        List<Path> logs = segmentsOfClosedJournal(3_000);
        // As a crash leaves them: the active segment's last block padded, and a segment that
        // was rolled before its index was saved.
        Path first = logs.get(0);
        Files.write(first, new byte[1_000], java.nio.file.StandardOpenOption.APPEND);
        Files.delete(first.resolveSibling(first.getFileName().toString().replace(".log", ".idx")));
        Path last = logs.get(logs.size() - 1);
        long lastSize = Files.size(last);
        Files.write(last, new byte[4_000], java.nio.file.StandardOpenOption.APPEND);

        SimpleMeterRegistry r2 = new SimpleMeterRegistry();
        try (Journal j = Journal.open(small(), r2)) {
            assertEquals(3_000, j.durableEnd());
            assertEquals(lastSize, Files.size(last), "the padding is cut off the active segment");
            assertEquals(3_000, readAll(j, 0).size());
            JournalStatus status = j.status();
            assertEquals(0, status.corruptRecords(), status.toString());
            assertEquals(0, status.truncatedBytes(), status.toString());
            append(j, 3_000, 3_001);
            awaitDurable(j, 3_001);
            assertTrue(readAll(j, 2_999).get(1).startsWith("3000:3000"), "appends continue after the last record");
        }
    }

    @Test
    void theCheckpointSurvivesARestartAndRetentionNeverDeletesUnprocessedSegments() throws Exception {
        JournalSettings tight = new JournalSettings(dir, 64 * 1024, 5, 1 << 20, 256 * 1024, 2 * 64 * 1024,
                Duration.ofDays(1), 0);
        try (Journal j = Journal.open(tight, registry)) {
            append(j, 0, 2_000);
            awaitDurable(j, 2_000);
            await(() -> j.blocked() == Journal.Blocked.BUDGET, "the budget is exhausted by unprocessed records");
            byte[] b = line(9);
            assertEquals(-1, j.tryAppend(b, 0, b.length, meta(9)), "appends are refused while blocked");
            assertEquals(0, j.status().oldestPosition(), "nothing unprocessed is deleted");
            j.checkpoint(1_500);
            await(() -> j.status().oldestPosition() > 0, "retention deletes processed segments");
            await(() -> j.blocked() == null, "appends resume by themselves");
            assertTrue(j.status().oldestPosition() <= 1_500);
        }
        try (Journal j = Journal.open(tight, new SimpleMeterRegistry())) {
            assertEquals(1_500, j.checkpoint());
            assertEquals(500, j.status().lagRecords());
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
