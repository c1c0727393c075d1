package org.socd.collector.relp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.journal.Journal;
import org.socd.collector.journal.JournalReader;
import org.socd.collector.journal.JournalRecord;
import org.socd.collector.journal.JournalSettings;
import org.socd.correlator.alerts.AlertStore;
import tools.jackson.databind.JsonNode;

/**
 * The promise of the journal with real processes: rsyslog forwards 100,000 numbered lines over
 * RELP while socd is SIGKILLed twice and restarted on the same data directory. Every line must
 * end up in the journal exactly once, and a rule matching every 1,000th line must leave exactly
 * 100 alerts.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RelpCrashIT {

    private static final int LINES = 100_000;

    @TempDir
    Path dir;

    @Test
    void killedTwiceMidStreamEveryLineIsProcessedOnceAndTheAlertsAreExact() throws Exception {
        Rsyslog.assumeInstalled();
        Path data = dir.resolve("data");
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("thousandth.yml"), """
                title: Every thousandth crash-test line
                id: 8d3c2a4e-7f5b-4c1a-9e2d-0b6f3a5c7d91
                status: test
                logsource:
                    product: linux
                    service: syslog
                detection:
                    selection:
                        message|contains: 'mark=thousand'
                    condition: selection
                level: high
                """);
        int relpPort = SocdProcess.freePort();
        Path log = dir.resolve("socd.log");
        List<String> args = List.of("--relp-port", Integer.toString(relpPort), "--rules", rules.toString());

        SocdProcess socd = SocdProcess.start(data, log, args);
        try (Rsyslog rsyslog = Rsyslog.start(dir, relpPort)) {
            Thread feeder = new Thread(() -> feed(rsyslog.inputPort), "feed-rsyslog");
            feeder.start();

            awaitJournal(socd, 20_000);
            socd.kill();
            socd = SocdProcess.start(data, log, args);
            awaitJournal(socd, 55_000);
            socd.kill();
            socd = SocdProcess.start(data, log, args);

            feeder.join(TimeUnit.MINUTES.toMillis(3));
            SocdProcess s = socd;
            await(() -> {
                JsonNode j = s.get("/api/v1/journal");
                return j.get("newest_position").asLong() + 1 >= LINES && j.get("lag_records").asLong() == 0;
            }, "all lines journaled and processed; socd log:\n" + socd.logTail() + "\nrsyslog: " + rsyslog.logText());
            // A checkpoint means the alerts are committed; search sees them after the next
            // near-real-time refresh (within a second), so wait for it rather than race it.
            await(() -> s.get("/api/v1/alerts?q=rule_id:8d3c2a4e*&limit=1").get("total").asLong() >= 100,
                    "the alerts searchable");
            assertEquals(100, socd.get("/api/v1/alerts?q=rule_id:8d3c2a4e*&limit=1").get("total").asLong());
        } finally {
            socd.close();
        }

        BitSet seen = new BitSet(LINES + 1);
        int records = 0;
        try (Journal journal = Journal.open(JournalSettings.defaults(data.resolve("journal")), new SimpleMeterRegistry());
             JournalReader reader = journal.reader(0)) {
            JournalRecord rec = new JournalRecord();
            while (reader.next(rec)) {
                String text = new String(rec.data(), 0, rec.length(), StandardCharsets.UTF_8);
                int at = text.indexOf("seq=");
                int seq = Integer.parseInt(text.substring(at + 4, at + 10));
                assertTrue(!seen.get(seq), "line " + seq + " is in the journal twice (position " + rec.position() + ")");
                seen.set(seq);
                records++;
            }
        }
        assertEquals(LINES, records, "every line once; first missing: " + seen.nextClearBit(1));
        try (AlertStore store = AlertStore.open(data.resolve("alerts"), new SimpleMeterRegistry(), Clock.systemUTC())) {
            assertEquals(100, store.count(), "exactly one alert per thousandth line, none duplicated by replays");
        }
    }

    private static void feed(int port) {
        try (Socket s = new Socket("127.0.0.1", port);
             OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024)) {
            for (int i = 1; i <= LINES; i++) {
                String mark = i % 1000 == 0 ? " mark=thousand" : "";
                out.write(("<13>Nov 26 23:00:00 crashhost crashtest: seq=%06d%s\n".formatted(i, mark))
                        .getBytes(StandardCharsets.US_ASCII));
            }
        } catch (Exception e) {
            throw new AssertionError("feeding rsyslog failed", e);
        }
    }

    private static void awaitJournal(SocdProcess socd, long records) {
        await(() -> socd.get("/api/v1/journal").get("newest_position").asLong() + 1 >= records,
                records + " records in the journal; socd log:\n" + socd.logTail());
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            SocdProcess.sleep(50);
        }
    }
}
