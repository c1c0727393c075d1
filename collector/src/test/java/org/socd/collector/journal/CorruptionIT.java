package org.socd.collector.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig;
import org.socd.collector.daemon.Daemon;
import tools.jackson.databind.JsonNode;

/**
 * A damaged journal on restart: bytes flipped inside a closed segment and the last segment cut
 * mid-record (with the checkpoint gone, so everything is replayed). socd must start, report
 * both, and process every other record.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CorruptionIT {

    private static final int LINES = 3_000;

    @TempDir
    Path dataDir;

    private Daemon start() {
        DaemonConfig d = DaemonConfig.defaults();
        var j = d.journal();
        Daemon daemon = Daemon.start(new DaemonConfig(dataDir, new DaemonConfig.SyslogConfig("127.0.0.1", -1, 0, 4096),
                new DaemonConfig.ApiConfig("127.0.0.1", 0), List.of(), d.pipeline(), d.timeZone(), d.alerts(),
                new DaemonConfig.JournalConfig(true, 64 * 1024, 50, 1 << 20, 1L << 30, Duration.ofDays(1), 1),
                new DaemonConfig.RelpConfig("127.0.0.1", -1)), Clock.systemUTC());
        return daemon;
    }

    @Test
    void aFlippedClosedSegmentAndATornLastRecordAreReportedAndEverythingElseIsProcessed() throws Exception {
        try (Daemon daemon = start()) {
            try (Socket s = new Socket("127.0.0.1", daemon.syslogTcpAddress().getPort())) {
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < LINES; i++) {
                    out.write("<13>Nov 26 10:00:00 damagedhost app: line %05d\n".formatted(i).getBytes(StandardCharsets.US_ASCII));
                }
            }
            DaemonHttp api = DaemonHttp.of(daemon, dataDir);
            DaemonHttp.await(() -> api.journal().get("checkpoint").asLong() == LINES, "all lines processed once",
                    Duration.ofMinutes(1));
        }
        Path dir = dataDir.resolve("journal");
        List<Path> logs;
        try (Stream<Path> s = Files.list(dir)) {
            logs = s.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
        assertTrue(logs.size() >= 3, "small segments: " + logs);
        try (RandomAccessFile f = new RandomAccessFile(logs.get(1).toFile(), "rw")) {
            f.seek(20_000);
            f.write(new byte[] {0x55, 0x55, 0x55, 0x55, 0x55, 0x55});
        }
        Path last = logs.get(logs.size() - 1);
        try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
            f.setLength(Files.size(last) - 7);
        }
        Files.delete(dir.resolve("checkpoint")); // replay everything, through the damage

        try (Daemon daemon = start()) {
            DaemonHttp api = DaemonHttp.of(daemon, dataDir);
            JsonNode j = api.journal();
            assertEquals(LINES - 2, j.get("newest_position").asLong(), "the torn last record is cut off: " + j);
            assertTrue(j.get("truncated_bytes").asLong() > 0, j.toString());
            DaemonHttp.await(() -> api.journal().get("corrupt_records").asLong() > 0, "the flipped bytes are reported",
                    Duration.ofMinutes(1));
            long corrupt = api.journal().get("corrupt_records").asLong();
            assertTrue(corrupt < 5, "only the damaged record(s) are lost: " + corrupt);
            // The replay finished before the inputs opened: the daemon is up, so count now.
            assertEquals(LINES - 1 - corrupt, (long) Double.parseDouble(api.sample("socd_events_decoded_total{input=\"syslog-tcp\"")),
                    "every intact record was processed");
        }
    }
}
