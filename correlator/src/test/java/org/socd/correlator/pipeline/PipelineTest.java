package org.socd.correlator.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.correlator.pipeline.TestRecords.bytes;
import static org.socd.correlator.pipeline.TestRecords.meta;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socd.correlator.alerts.Alert;
import org.socd.correlator.alerts.AlertQuery;
import org.socd.correlator.alerts.AlertStatus;
import org.socd.correlator.alerts.AlertStore;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;
import org.socd.rules.Level;

// A safety net so that a pipeline that blocks or never drains fails the build instead of
// hanging it; no test depends on how fast anything is.
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipelineTest {

    private static final Instant NOW = Instant.parse("2026-11-26T23:30:00Z");
    private static final long RECEIVED = Instant.parse("2026-11-26T23:29:59Z").getEpochSecond() * 1_000_000_000L;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private Pipeline pipeline(int ringSize, int shards, Decoder decoder, Detector detector,
                              org.socd.correlator.alerts.AlertSink sink) {
        return new Pipeline(new PipelineSettings(ringSize, shards), decoder, detector, sink, registry, clock);
    }

    private static void publish(Pipeline pipeline, String record, ReceiveMetadata meta) {
        byte[] data = bytes(record);
        // Spinning on a full ring is what a TCP input does in effect (it pauses, then resumes).
        while (!pipeline.tryPublish(data, 0, data.length, meta)) {
            Thread.onSpinWait();
        }
    }

    @Test
    void everyRecordIsDecodedAndDetectedExactlyOnceAcrossShards() throws Exception {
        int records = 20_000;
        int shards = 3;
        Map<String, AtomicInteger> decodes = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> detections = new ConcurrentHashMap<>();
        Set<String> decodeThreads = ConcurrentHashMap.newKeySet();
        Set<String> detectThreads = ConcurrentHashMap.newKeySet();
        Map<String, String> decodedOn = new ConcurrentHashMap<>();
        Map<String, String> detectedOn = new ConcurrentHashMap<>();
        Decoder decoder = (data, offset, length, meta) -> {
            Event event = TestRecords.decode(data, offset, length, meta);
            decodes.computeIfAbsent(event.getString("n"), n -> new AtomicInteger()).incrementAndGet();
            decodeThreads.add(Thread.currentThread().getName());
            decodedOn.put(event.getString("n"), Thread.currentThread().getName());
            return event;
        };
        Detector detector = event -> {
            detections.computeIfAbsent(event.getString("n"), n -> new AtomicInteger()).incrementAndGet();
            detectThreads.add(Thread.currentThread().getName());
            detectedOn.put(event.getString("n"), Thread.currentThread().getName());
            return TestRecords.detect(event);
        };
        CollectingSink sink = new CollectingSink();
        Pipeline pipeline = pipeline(1024, shards, decoder, detector, sink);
        pipeline.start();

        // Two publisher threads, as two Netty event loops would be.
        List<Thread> publishers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int first = p;
            Thread t = new Thread(() -> {
                for (int i = first; i < records; i += 2) {
                    publish(pipeline, "n=" + i + ";hostname=pc-" + i + ";message=Failed password for x",
                            meta("syslog-udp", 40000 + i, RECEIVED + i));
                }
            });
            publishers.add(t);
            t.start();
        }
        for (Thread t : publishers) {
            t.join();
        }
        pipeline.close();

        assertEquals(records, decodes.size());
        assertTrue(decodes.values().stream().allMatch(c -> c.get() == 1), "a record was decoded twice");
        assertEquals(records, detections.size());
        assertTrue(detections.values().stream().allMatch(c -> c.get() == 1), "a record was detected twice");
        assertEquals(Set.of("socd-shard-0", "socd-shard-1", "socd-shard-2"), decodeThreads);
        assertEquals(decodeThreads, detectThreads);
        assertEquals(decodedOn, detectedOn, "each record is detected on the thread that decoded it");
        assertEquals(records, sink.alerts.size());
        assertEquals(records, sink.alerts.stream().map(Alert::id).distinct().count());
        assertEquals(records, registry.get("socd.events.decoded").tag("input", "syslog-udp").counter().count());
        assertEquals(records, registry.get("socd.alerts").tag("level", "high").counter().count());
    }

    @Test
    void alertsCarryTheFieldsOfSyslogAndWindowsEvents() {
        CollectingSink sink = new CollectingSink();
        Pipeline pipeline = pipeline(64, 2, TestRecords::decode, TestRecords::detect, sink);
        pipeline.start();
        publish(pipeline, "timestamp=2026-11-26T23:00:01.5Z;hostname=PC-01;appname=sshd;user=alice;src_ip=203.0.113.7;"
                + "source_ip=10.1.1.1;message=Failed password for alice", meta("syslog-tcp", 514, RECEIVED));
        publish(pipeline, "timestamp=2026-11-26T23:00:02+03:30;Computer=WS-7.corp;TargetUserName=bob;IpAddress=198.51.100.2;"
                + "message=Failed password (4625)", meta("agent", 7514, RECEIVED + 1));
        publish(pipeline, "timestamp=yesterday;source_ip=192.0.2.9;SubjectUserName=carol;message=Failed password",
                meta("syslog-udp", 5514, RECEIVED + 2));
        publish(pipeline, "hostname=db1;appname=cron;message=nothing to see", meta("syslog-udp", 5514, RECEIVED + 3));
        pipeline.close();

        assertEquals(3, sink.alerts.size());
        Alert syslog = sink.alerts.get(0);
        assertEquals("ssh-brute", syslog.ruleId());
        assertEquals("SSH failed password", syslog.ruleTitle());
        assertEquals(Level.HIGH, syslog.level());
        assertEquals(List.of("attack.t1110"), syslog.tags());
        assertEquals(AlertStatus.NEW, syslog.status());
        assertEquals("PC-01", syslog.host());
        assertEquals("alice", syslog.user());
        assertEquals("203.0.113.7", syslog.srcIp());
        assertEquals(Instant.parse("2026-11-26T23:00:01.5Z"), syslog.timestamp());
        assertEquals(NOW, syslog.detectedAt());
        assertEquals("sshd", syslog.event().get("appname"));

        Alert windows = sink.alerts.get(1);
        assertEquals("WS-7.corp", windows.host());
        assertEquals("bob", windows.user());
        assertEquals("198.51.100.2", windows.srcIp());
        assertEquals(Instant.parse("2026-11-26T19:30:02Z"), windows.timestamp());

        Alert bare = sink.alerts.get(2);
        assertEquals("192.0.2.9", bare.host());
        assertEquals("carol", bare.user());
        assertNull(bare.srcIp(), "the syslog sender's address is the host, never the activity's source");
        assertEquals(Instant.ofEpochSecond(0, RECEIVED + 2), bare.timestamp(), "unreadable time falls back to receipt");

        for (Alert alert : sink.alerts) {
            assertTrue(alert.id().matches("[0-9a-f]{32}"), alert.id());
        }
    }

    @Test
    void alertIdsAreDeterministicAndDistinguishRuleAndRecord() {
        List<String> first = idsOf(List.of(
                "appname=sudo;message=Failed password USER=root", "message=Failed password"), 5514);
        List<String> replay = idsOf(List.of(
                "appname=sudo;message=Failed password USER=root", "message=Failed password"), 5514);
        List<String> otherPort = idsOf(List.of(
                "appname=sudo;message=Failed password USER=root", "message=Failed password"), 5515);

        assertEquals(3, first.size()); // two rules on the first record, one on the second
        assertEquals(first, replay);
        assertEquals(3, new HashSet<>(first).size(), "two rules on one record need two ids");
        for (String id : otherPort) {
            assertFalse(first.contains(id), "a different sender port is a different record");
        }
    }

    private List<String> idsOf(List<String> records, int port) {
        CollectingSink sink = new CollectingSink();
        Pipeline pipeline = new Pipeline(new PipelineSettings(16, 2), TestRecords::decode, TestRecords::detect, sink,
                new SimpleMeterRegistry(), clock);
        pipeline.start();
        for (int i = 0; i < records.size(); i++) {
            publish(pipeline, records.get(i), meta("syslog-udp", port, RECEIVED + i));
        }
        pipeline.close();
        return sink.alerts.stream().map(Alert::id).toList();
    }

    @Test
    void aFullRingRefusesWithoutBlockingAndRecovers() throws Exception {
        CountDownLatch decoding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Decoder stuck = (data, offset, length, meta) -> {
            decoding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TestRecords.decode(data, offset, length, meta);
        };
        CollectingSink sink = new CollectingSink();
        Pipeline pipeline = pipeline(8, 1, stuck, TestRecords::detect, sink);
        pipeline.start();
        byte[] record = bytes("message=Failed password");

        assertTrue(pipeline.tryPublish(record, 0, record.length, meta("syslog-udp", 1, RECEIVED)));
        decoding.await(); // the first record now holds its slot until the decoder returns
        int accepted = 1;
        while (pipeline.tryPublish(record, 0, record.length, meta("syslog-udp", 1, RECEIVED + accepted))) {
            accepted++;
            assertTrue(accepted <= 8, "accepted more records than the ring has slots");
        }
        assertEquals(8, accepted);
        assertEquals(0, pipeline.remainingCapacity());
        assertEquals(8, pipeline.bufferSize());
        assertFalse(pipeline.tryPublish(record, 0, record.length, meta("syslog-udp", 1, RECEIVED + 99)));

        release.countDown();
        await(() -> pipeline.remainingCapacity() == 8, "the ring to drain");
        assertTrue(pipeline.tryPublish(record, 0, record.length, meta("syslog-udp", 1, RECEIVED + 100)));
        pipeline.close();
        assertEquals(9, sink.alerts.size());
    }

    @Test
    void aThrowingStageIsCountedAndThePipelineGoesOn() {
        Decoder decoder = (data, offset, length, meta) -> {
            Event event = TestRecords.decode(data, offset, length, meta);
            if (event.has("boom")) {
                throw new IllegalArgumentException("decoder bug");
            }
            return event;
        };
        Detector detector = event -> {
            if (event.has("bang")) {
                throw new IllegalStateException("rule bug");
            }
            return TestRecords.detect(event);
        };
        CollectingSink sink = new CollectingSink() {
            @Override
            public void accept(Alert alert) {
                if ("crash".equals(alert.host())) {
                    throw new IllegalStateException("sink bug");
                }
                super.accept(alert);
            }
        };
        Pipeline pipeline = pipeline(32, 2, decoder, detector, sink);
        pipeline.start();
        for (int i = 0; i < 100; i++) {
            String extra = switch (i % 10) {
                case 3 -> "boom=1;";
                case 5 -> "bang=1;";
                case 7 -> "hostname=crash;";
                default -> "";
            };
            publish(pipeline, extra + "n=" + i + ";message=Failed password", meta("syslog-udp", 9, RECEIVED + i));
        }
        pipeline.close();

        assertEquals(10, registry.get("socd.pipeline.errors").tag("stage", "decode").counter().count());
        assertEquals(10, registry.get("socd.pipeline.errors").tag("stage", "detect").counter().count());
        assertEquals(10, registry.get("socd.pipeline.errors").tag("stage", "alert").counter().count());
        assertEquals(70, sink.alerts.size());
        assertEquals(90, registry.get("socd.events.decoded").tag("input", "syslog-udp").counter().count());
    }

    @Test
    void aNullFromDecoderOrDetectorIsAStageError() {
        CollectingSink sink = new CollectingSink();
        Decoder decoder = (data, offset, length, meta) ->
                length == 1 ? null : TestRecords.decode(data, offset, length, meta);
        Detector detector = event -> event.has("quiet") ? null : TestRecords.detect(event);
        Pipeline pipeline = pipeline(16, 1, decoder, detector, sink);
        pipeline.start();
        publish(pipeline, "x", meta("syslog-udp", 1, RECEIVED));
        publish(pipeline, "quiet=1;message=Failed password", meta("syslog-udp", 1, RECEIVED + 1));
        publish(pipeline, "message=Failed password", meta("syslog-udp", 1, RECEIVED + 2));
        pipeline.close();
        assertEquals(1, registry.get("socd.pipeline.errors").tag("stage", "decode").counter().count());
        assertEquals(1, registry.get("socd.pipeline.errors").tag("stage", "detect").counter().count());
        assertEquals(1, sink.alerts.size());
    }

    @Test
    void closeDrainsEverythingPublishedAndThenRefuses() {
        CollectingSink sink = new CollectingSink();
        Pipeline pipeline = pipeline(256, 2, TestRecords::decode, TestRecords::detect, sink);
        pipeline.start();
        for (int i = 0; i < 5_000; i++) {
            publish(pipeline, "n=" + i + ";message=Failed password", meta("syslog-tcp", 1, RECEIVED + i));
        }
        pipeline.close();

        assertEquals(5_000, sink.alerts.size());
        assertEquals("endOfBatch", sink.calls.get(sink.calls.size() - 1), "the last batch must be flushed");
        byte[] late = bytes("message=Failed password");
        assertFalse(pipeline.tryPublish(late, 0, late.length, meta("syslog-tcp", 1, RECEIVED)));
        pipeline.close(); // idempotent
    }

    @Test
    void processedEndFollowsJournalPositionsOnlyAfterTheSinkTookTheBatch() {
        List<long[]> seenAtBatchEnd = new ArrayList<>();
        AtomicInteger accepted = new AtomicInteger();
        Pipeline[] holder = new Pipeline[1];
        org.socd.correlator.alerts.AlertSink sink = new org.socd.correlator.alerts.AlertSink() {
            @Override
            public void accept(Alert alert) {
                accepted.incrementAndGet();
            }

            @Override
            public void endOfBatch() {
                // Inside endOfBatch the stage must not yet claim this batch as processed.
                seenAtBatchEnd.add(new long[] {holder[0].processedEnd(), accepted.get()});
            }
        };
        Pipeline pipeline = pipeline(64, 2, TestRecords::decode, TestRecords::detect, sink);
        holder[0] = pipeline;
        assertEquals(-1, pipeline.processedEnd());
        pipeline.start();
        for (long position = 100; position < 1_100; position++) {
            byte[] data = bytes("n=" + position + ";message=Failed password");
            while (!pipeline.tryPublish(data, 0, data.length, meta("journal", 1, RECEIVED + position), position)) {
                Thread.onSpinWait();
            }
        }
        pipeline.close();
        assertEquals(1_100, pipeline.processedEnd());
        assertEquals(1_000, accepted.get());
        assertFalse(seenAtBatchEnd.isEmpty());
        for (long[] v : seenAtBatchEnd) {
            long end = v[0];
            long alertsSoFar = v[1];
            assertTrue(end == -1 || end - 100 < alertsSoFar,
                    "processedEnd " + end + " claimed more than the " + alertsSoFar + " records the sink had");
        }
    }

    /**
     * The journal feeder's path: runs of records claimed together, never more than the ring
     * has free, every record processed once and in order; a slot claimed but left unfilled
     * is passed by and does not move processedEnd back.
     */
    @Test
    void claimedRunsAreProcessedInOrderAndAnUnfilledSlotIsPassedBy() {
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        Detector detector = event -> {
            order.add(event.getString("n"));
            return TestRecords.detect(event);
        };
        CollectingSink sink = new CollectingSink();
        Pipeline pipeline = pipeline(64, 1, TestRecords::decode, detector, sink);
        Pipeline.Claim first = pipeline.tryClaim(1_000);
        assertEquals(64, first.size(), "a claim takes at most what the ring has free");
        assertNull(pipeline.tryClaim(1), "a full ring gives no claim");
        for (int i = 0; i < first.size(); i++) {
            if (i == 10) {
                continue; // its filler failed: the slot stays empty
            }
            byte[] data = bytes("n=" + i + ";message=Failed password");
            first.fill(i, data, 0, data.length, meta("journal", 1, RECEIVED + i), 500 + i);
        }
        first.publish();
        first.publish(); // idempotent
        pipeline.start();
        long position = 564;
        int n = 64;
        while (n < 1_000) {
            Pipeline.Claim claim = pipeline.tryClaim(1_000 - n);
            if (claim == null) {
                Thread.onSpinWait();
                continue;
            }
            try {
                for (int i = 0; i < claim.size(); i++, n++, position++) {
                    byte[] data = bytes("n=" + n + ";message=Failed password");
                    claim.fill(i, data, 0, data.length, meta("journal", 1, RECEIVED + n), position);
                }
            } finally {
                claim.publish();
            }
        }
        pipeline.close();
        assertNull(pipeline.tryClaim(1), "a closed pipeline gives no claim");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            if (i != 10) {
                expected.add(Integer.toString(i));
            }
        }
        assertEquals(expected, order);
        assertEquals(999, sink.alerts.size());
        assertEquals(1_500, pipeline.processedEnd());
    }

    @Test
    void recordsPublishedBeforeStartAreStillProcessedOnClose() {
        CollectingSink sink = new CollectingSink();
        Pipeline pipeline = pipeline(16, 1, TestRecords::decode, TestRecords::detect, sink);
        publish(pipeline, "message=Failed password", meta("syslog-udp", 1, RECEIVED));
        pipeline.close();
        assertEquals(1, sink.alerts.size());
    }

    @Test
    void metricsCountParseFailuresAndShowTheRing() {
        CollectingSink sink = new CollectingSink();
        Pipeline pipeline = pipeline(128, 1, TestRecords::decode, TestRecords::detect, sink);
        assertEquals(128.0, registry.get("socd.ring.size").gauge().value());
        assertEquals(128.0, registry.get("socd.ring.remaining.capacity").gauge().value());
        pipeline.start();
        publish(pipeline, "garbage without fields", meta("syslog-udp", 1, RECEIVED));
        publish(pipeline, "appname=sudo;message=x USER=root", meta("syslog-tcp", 1, RECEIVED + 1));
        pipeline.close();

        assertEquals(1, registry.get("socd.parse.failures").tag("input", "syslog-udp").counter().count());
        assertTrue(registry.find("socd.parse.failures").tag("input", "syslog-tcp").counters().isEmpty(),
                "an input nobody announced has no series until it publishes");
        assertEquals(1, registry.get("socd.events.decoded").tag("input", "syslog-tcp").counter().count());
        assertEquals(1, registry.get("socd.alerts").tag("level", "medium").counter().count());
        assertNull(registry.find("socd.ring.size").gauge(), "a closed pipeline's gauges are removed");
    }

    @Test
    void announcedInputsAndEveryLevelHaveSeriesAtZeroBeforeTheFirstEvent() {
        Pipeline pipeline = pipeline(16, 2, TestRecords::decode, TestRecords::detect, new CollectingSink());
        pipeline.registerInput("syslog-udp");
        assertEquals(0, registry.get("socd.parse.failures").tag("input", "syslog-udp").counter().count());
        assertEquals(0, registry.get("socd.events.decoded").tag("input", "syslog-udp").counter().count());
        for (Level level : Level.values()) {
            assertEquals(0, registry.get("socd.alerts").tag("level", level.sigmaName()).counter().count());
        }
        pipeline.close();
    }

    @Test
    void alertsReachARealAlertStore(@TempDir Path dir) throws Exception {
        try (AlertStore store = AlertStore.open(dir.resolve("alerts"), registry, clock)) {
            Pipeline pipeline = pipeline(64, 2, TestRecords::decode, TestRecords::detect, store);
            pipeline.start();
            for (int i = 0; i < 50; i++) {
                publish(pipeline, "hostname=PC-" + (i % 5) + ";user=u" + i + ";message=Failed password for u" + i,
                        meta("syslog-udp", 7, RECEIVED + i));
            }
            pipeline.close();
            await(() -> store.count() == 50, "50 alerts in the store, has " + store.count());
            assertEquals(10, store.search(new AlertQuery("host:pc-3 AND level:high", null, null, 100)).totalHits());
            Alert one = store.search(new AlertQuery("user:u42", null, null, 1)).alerts().get(0).alert();
            assertEquals("PC-2", one.host());
            assertEquals("Failed password for u42", one.event().get("message"));

            // A replay of the same records rewrites the same documents.
            Pipeline replay = pipeline(64, 2, TestRecords::decode, TestRecords::detect, store);
            replay.start();
            for (int i = 0; i < 50; i++) {
                publish(replay, "hostname=PC-" + (i % 5) + ";user=u" + i + ";message=Failed password for u" + i,
                        meta("syslog-udp", 7, RECEIVED + i));
            }
            replay.close();
            store.commit();
            assertEquals(50, store.search(AlertQuery.all(100)).totalHits());
        }
    }

    @Test
    void settingsRejectRingSizesThatAreNotPowersOfTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PipelineSettings(1000, 1));
        assertTrue(e.getMessage().contains("power of two"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PipelineSettings(1024, 0));
        PipelineSettings defaults = PipelineSettings.defaults();
        assertEquals(32_768, defaults.ringSize());
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() - 1), defaults.shards());
        assertNotEquals(0, defaults.shards());
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
