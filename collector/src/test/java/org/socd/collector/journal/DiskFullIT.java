package org.socd.collector.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig;
import org.socd.collector.daemon.Daemon;
import tools.jackson.databind.JsonNode;

/**
 * The journal on a real, small file system (an 8 MiB tmpfs) that runs full: socd stops
 * reading from the syslog TCP sender instead of crashing or dropping, says why, and takes every
 * line once space is freed. A UDP datagram, which cannot be paused, is counted as dropped
 * with the journal's reason.
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
                new DaemonConfig.SyslogConfig("127.0.0.1", 0, 0, 4096),
                new DaemonConfig.ApiConfig("127.0.0.1", 0), List.of(), d.pipeline(), d.timeZone(), d.alerts(),
                new DaemonConfig.JournalConfig(true, 256 * 1024, 50, 1 << 20, 1L << 30, Duration.ofDays(1), 1),
                new DaemonConfig.RelpConfig("127.0.0.1", -1));
        AtomicInteger sent = new AtomicInteger();
        try (Daemon daemon = Daemon.start(config, Clock.systemUTC())) {
            DaemonHttp api = DaemonHttp.of(daemon, config.dataDir());
            Thread sender = new Thread(() -> send(daemon.syslogTcpAddress().getPort(), sent), "syslog-sender");
            sender.start();

            DaemonHttp.await(() -> "disk_full".equals(api.journal().get("blocked").asString(null)),
                    "the journal reports a full disk", Duration.ofMinutes(2));
            int before = sent.get();
            long journaled = api.journal().get("newest_position").asLong() + 1;
            assertTrue(journaled < LINES, "the disk filled before all lines were journaled: " + journaled);
            assertEquals("1.0", api.sample("socd_journal_blocked{reason=\"disk_full\",} "), "the metric says why");
            try (DatagramSocket udp = new DatagramSocket()) {
                byte[] line = "<13>Nov 26 23:00:00 fullhost fulltest: over udp".getBytes(StandardCharsets.US_ASCII);
                udp.send(new DatagramPacket(line, line.length, daemon.syslogUdpAddress()));
            }
            DaemonHttp.await(() -> "1.0".equals(api.sample(
                            "socd_messages_dropped_total{input=\"syslog-udp\",reason=\"journal_disk_full\",} ")),
                    "the UDP datagram counted as dropped because the disk is full", Duration.ofSeconds(30));
            Thread.sleep(500); // a bounded look: nothing is dropped while blocked, and socd is still serving
            assertEquals(journaled, api.journal().get("newest_position").asLong() + 1, "nothing journaled while full");
            assertTrue(before < LINES || sender.isAlive(), "the sender is held back by TCP");

            Files.delete(filler);
            sender.join(TimeUnit.MINUTES.toMillis(2));
            assertEquals(LINES, sent.get());
            DaemonHttp.await(() -> {
                JsonNode j = api.journal();
                return j.get("newest_position").asLong() + 1 == LINES && j.get("lag_records").asLong() == 0
                        && j.get("blocked").isNull();
            }, "every line journaled and processed after space returned", Duration.ofMinutes(2));
            assertEquals(0, api.journal().get("corrupt_records").asLong());
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
}
