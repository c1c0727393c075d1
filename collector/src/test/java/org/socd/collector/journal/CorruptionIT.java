package org.socd.collector.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig;
import org.socd.collector.daemon.Daemon;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A damaged journal on restart: bytes flipped inside a closed segment and the last segment cut
 * mid-record (with the checkpoint gone, so everything is replayed). socd must start, report
 * both, and process every other record.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CorruptionIT {

    private static final int LINES = 3_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private Daemon start() {
        DaemonConfig d = DaemonConfig.defaults();
        var j = d.journal();
        Daemon daemon = Daemon.start(new DaemonConfig(dataDir, new DaemonConfig.SyslogConfig("127.0.0.1", -1, 0, 4096),
                new DaemonConfig.ApiConfig("127.0.0.1", 0), List.of(), d.pipeline(), d.timeZone(), d.alerts(),
                new DaemonConfig.JournalConfig(true, 64 * 1024, 50, 1 << 20, 1L << 30, Duration.ofDays(1), 1),
                new DaemonConfig.RelpConfig("127.0.0.1", -1)), Clock.systemUTC());
        readToken(dataDir);
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
            String api = daemon.apiUrl();
            await(() -> journal(api).get("checkpoint").asLong() == LINES, "all lines processed once");
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
            String api = daemon.apiUrl();
            JsonNode j = journal(api);
            assertEquals(LINES - 2, j.get("newest_position").asLong(), "the torn last record is cut off: " + j);
            assertTrue(j.get("truncated_bytes").asLong() > 0, j.toString());
            await(() -> journal(api).get("corrupt_records").asLong() > 0, "the flipped bytes are reported");
            long corrupt = journal(api).get("corrupt_records").asLong();
            assertTrue(corrupt < 5, "only the damaged record(s) are lost: " + corrupt);
            // The replay finished before the inputs opened: the daemon is up, so count now.
            assertEquals(LINES - 1 - corrupt, decoded(api), "every intact record was processed");
        }
    }

    private static JsonNode journal(String api) {
        return JsonMapper.builder().build().readTree(get(api + "/api/v1/journal"));
    }

    private static long decoded(String api) {
        for (String line : get(api + "/metrics").split("\n")) {
            if (line.startsWith("socd_events_decoded_total{input=\"syslog-tcp\"")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** The admin token the daemon wrote to its data dir on first start; the API wants it. */
    private static volatile String token;

    private static void readToken(Path dataDir) {
        try {
            token = Files.readString(dataDir.resolve("admin.token")).trim();
        } catch (java.io.IOException e) {
            throw new AssertionError("the daemon wrote no admin.token to " + dataDir, e);
        }
    }

    private static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError("GET " + url, e);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
