package org.socd.collector.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig;
import org.socd.collector.daemon.Daemon;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The journal on a real, small file system (an 8 MiB tmpfs) that runs full: socd stops
 * reading from the syslog TCP sender instead of crashing or dropping, says why, and takes every
 * line once space is freed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DiskFullIT {

    private static final int LINES = 40_000;

    @TempDir
    Path dir;

    @Test
    void aFullDiskPausesTheSenderAndEverythingArrivesAfterSpaceIsFreed() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small"));
        mountTmpfs(mount);
        try {
            run(mount);
        } finally {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void run(Path mount) throws Exception {
        Path filler = mount.resolve("filler");
        // Leave about 2.5 MiB: the alert index and a little journal fit, 40,000 lines (~5 MiB) do not.
        Files.write(filler, new byte[(int) (Files.getFileStore(mount).getUsableSpace() - (5L << 19))]);
        DaemonConfig d = DaemonConfig.defaults();
        DaemonConfig config = new DaemonConfig(mount.resolve("data"),
                new DaemonConfig.SyslogConfig("127.0.0.1", -1, 0, 4096),
                new DaemonConfig.ApiConfig("127.0.0.1", 0), List.of(), d.pipeline(), d.timeZone(), d.alerts(),
                new DaemonConfig.JournalConfig(true, 256 * 1024, 50, 1 << 20, 1L << 30, Duration.ofDays(1), 1),
                new DaemonConfig.RelpConfig("127.0.0.1", -1));
        AtomicInteger sent = new AtomicInteger();
        try (Daemon daemon = Daemon.start(config, Clock.systemUTC())) {
            readToken(config.dataDir());
            String api = daemon.apiUrl();
            Thread sender = new Thread(() -> send(daemon.syslogTcpAddress().getPort(), sent), "syslog-sender");
            sender.start();

            await(() -> "disk_full".equals(journal(api).get("blocked").asString(null)), "the journal reports a full disk");
            int before = sent.get();
            long journaled = journal(api).get("newest_position").asLong() + 1;
            assertTrue(journaled < LINES, "the disk filled before all lines were journaled: " + journaled);
            assertTrue(metric(api, "socd_journal_blocked{reason=\"disk_full\",}").equals("1.0"),
                    "the metric says why");
            Thread.sleep(500); // a bounded look: nothing is dropped while blocked, and socd is still serving
            assertEquals(journaled, journal(api).get("newest_position").asLong() + 1, "nothing journaled while full");
            assertTrue(before < LINES || sender.isAlive(), "the sender is held back by TCP");

            Files.delete(filler);
            sender.join(TimeUnit.MINUTES.toMillis(2));
            assertEquals(LINES, sent.get());
            await(() -> {
                JsonNode j = journal(api);
                return j.get("newest_position").asLong() + 1 == LINES && j.get("lag_records").asLong() == 0
                        && j.get("blocked").isNull();
            }, "every line journaled and processed after space returned");
            assertEquals(0, journal(api).get("corrupt_records").asLong());
        }
    }

    private static void mountTmpfs(Path mount) throws Exception {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        Assumptions.assumeTrue(ok, "cannot mount a tmpfs (needs root and CAP_SYS_ADMIN): " + out.trim()
                + " — the disk-full test is skipped, not passed");
    }

    private static void send(int port, AtomicInteger sent) {
        try (Socket s = new Socket("127.0.0.1", port); OutputStream out = s.getOutputStream()) {
            String pad = "x".repeat(80);
            for (int i = 1; i <= LINES; i++) {
                out.write("<13>Nov 26 23:00:00 fullhost fulltest: seq=%06d %s\n".formatted(i, pad)
                        .getBytes(StandardCharsets.US_ASCII));
                sent.incrementAndGet();
            }
        } catch (IOException e) {
            throw new AssertionError("sending syslog failed after " + sent.get() + " lines", e);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static JsonNode journal(String api) {
        return JsonMapper.builder().build().readTree(get(api + "/api/v1/journal"));
    }

    private static String metric(String api, String series) {
        for (String line : get(api + "/metrics").split("\n")) {
            if (line.startsWith(series + " ")) {
                return line.substring(series.length() + 1).trim();
            }
        }
        return "(no series " + series + ")";
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
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
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
