package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig;
import org.socd.collector.journal.Journal;
import org.socd.collector.journal.JournalSettings;
import org.socd.protocol.event.ReceiveMetadata;
import tools.jackson.databind.JsonNode;

/**
 * JSON records left unprocessed in the journal (as after a crash) are decoded as JSON on the next
 * start, by the input name they were journaled with, even when the JSON input is now off.
 */
class JsonReplayIT {

    @TempDir
    Path data;

    @Test
    void replayedJsonRecordsAreDecodedAsWindowsEvents() throws Exception {
        List<String> lines;
        try (InputStream in = JsonReplayIT.class.getResourceAsStream("/org/socd/collector/json/windows-security.jsonl")) {
            assertNotNull(in, "test resource windows-security.jsonl");
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        var j = DaemonConfig.JournalConfig.defaults();
        // The daemon's own journal settings (Daemon.openJournal), so the next start reads what is written here.
        JournalSettings settings = new JournalSettings(data.resolve("journal"), j.segmentBytes(), j.flushIntervalMillis(),
                j.flushBytes(), 8 << 20, j.maxBytes(), j.maxAge(), j.minFreeBytes());
        Instant now = Instant.now();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        try (Journal journal = Journal.open(settings, new SimpleMeterRegistry())) {
            long last = -1;
            for (String line : lines) {
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                last = journal.tryAppend(bytes, 0, bytes.length, new ReceiveMetadata("json-tcp", "192.0.2.50", 49152, nanos++));
                assertTrue(last >= 0, "journal took the record");
            }
            assertTrue(journal.awaitDurable(last, 20_000), "the three records durable before the daemon starts");
        }

        DaemonConfig d = DaemonConfig.defaults();
        DaemonConfig config = new DaemonConfig(data, new DaemonConfig.SyslogConfig("127.0.0.1", -1, -1, 64 * 1024),
                new DaemonConfig.ApiConfig("127.0.0.1", 0), List.of(), d.pipeline(), d.timeZone());
        try (RunningDaemon daemon = new RunningDaemon(config)) {
            assertNull(daemon.daemon.jsonTcpAddress(), "the JSON input is off in this start");
            // Replay finishes before Daemon.start returns; the alerts are searchable within a refresh.
            RunningDaemon.await("alerts from the three replayed events", () -> daemon.alertCount("rule_title:windows") == 3);
            JsonNode alerts = daemon.json("/api/v1/alerts?q=" + java.net.URLEncoder.encode(
                    "rule_title:\"Windows Failed Logon\"", StandardCharsets.UTF_8)).path("alerts");
            assertEquals(1, alerts.size(), alerts.toString());
            JsonNode failed = alerts.path(0);
            assertEquals("WS-0142.corp.example.org", failed.path("host").asString());
            assertEquals("administrator", failed.path("user").asString());
            assertEquals("198.51.100.23", failed.path("src_ip").asString());
            assertEquals("2026-11-20T09:14:03.517224Z", failed.path("timestamp").asString());
            assertEquals("192.0.2.50", failed.path("events").path(0).path("source_ip").asString());
            assertEquals(0.0, daemon.metric("socd_parse_failures_total", "json-tcp"));
        }
    }
}
