package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig;

/**
 * Connection caps, the idle timeout against a slow-loris sender, and an absurd octet count, on
 * real sockets: each is refused or closed, counted by reason, and the daemon keeps serving.
 */
class ConnectionLimitsIT {

    @TempDir
    Path dir;
    RunningDaemon d;

    @AfterEach
    void stop() {
        if (d != null) {
            d.close();
        }
    }

    private void start(int idleSeconds, int max, int perIp) {
        d = new RunningDaemon(dir.resolve("data"), new DaemonConfig.SyslogConfig("127.0.0.1", 0, 0, 64 * 1024,
                idleSeconds, max, perIp, DaemonConfig.TlsConfig.OFF), List.of(InteropRule.directory(dir)));
    }

    private Socket connect() throws Exception {
        Socket s = new Socket();
        s.connect(d.daemon.syslogTcpAddress());
        s.setSoTimeout(20_000);
        return s;
    }

    /** Blocks until the daemon closes the connection (read returns EOF or the socket resets). */
    private static void awaitClosedByPeer(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        try {
            assertEquals(-1, in.read());
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the daemon did not close the connection", e);
        } catch (java.net.SocketException reset) {
            // closed with RST: closed all the same
        }
    }

    private String refusedLines() {
        return String.join("\n", java.util.Arrays.stream(d.get("/metrics").body().split("\n"))
                .filter(l -> l.contains("refused")).toList());
    }

    private static void send(Socket s, String text) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void perIpCapRefusesTheExtraConnectionAndCountsIt() throws Exception {
        start(600, 100, 2);
        List<Socket> open = new ArrayList<>();
        try {
            open.add(connect());
            open.add(connect());
            RunningDaemon.await("two admitted connections", () -> d.metric("socd_connections_active", "syslog-tcp") == 2);
            try (Socket third = connect()) {
                awaitClosedByPeer(third);
            }
            assertEquals(1.0, d.metric("socd_connections_refused_total", "input=\"syslog-tcp\",reason=\"max_connections_per_ip\""), refusedLines());
            send(open.get(0), Peers.interopLines("capok", 1).get(0) + "\n");
            Delivery.exactlyOnce(d, "capok", 1);
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
        RunningDaemon.await("slots given back", () -> d.metric("socd_connections_active", "syslog-tcp") == 0);
        try (Socket again = connect()) {
            send(again, Peers.interopLines("capagain", 1).get(0) + "\n");
            Delivery.exactlyOnce(d, "capagain", 1);
        }
    }

    @Test
    void globalCapRefusesBeyondItAndCountsIt() throws Exception {
        start(600, 1, 10);
        try (Socket first = connect()) {
            RunningDaemon.await("one admitted connection", () -> d.metric("socd_connections_active", "syslog-tcp") == 1);
            try (Socket second = connect()) {
                awaitClosedByPeer(second);
            }
            assertEquals(1.0, d.metric("socd_connections_refused_total", "input=\"syslog-tcp\",reason=\"max_connections\""));
        }
    }

    @Test
    void slowLorisIsClosedAtTheIdleTimeoutHavingCostOneConnection() throws Exception {
        start(1, 100, 10);
        try (Socket loris = connect()) {
            // One byte at a time of a message that never ends: never a complete frame.
            long deadline = System.nanoTime() + 20_000_000_000L;
            boolean closed = false;
            while (!closed && System.nanoTime() < deadline) {
                try {
                    send(loris, "x");
                    Thread.sleep(200);
                } catch (java.io.IOException e) {
                    closed = true;
                }
                if (d.metric("socd_connections_idle_closed_total", "syslog-tcp") >= 1) {
                    closed = true;
                }
            }
            assertTrue(closed, "the slow sender is cut off");
        }
        assertEquals(1.0, d.metric("socd_connections_idle_closed_total", "syslog-tcp"));
        assertTrue(d.metric("socd_messages_received_total", "syslog-tcp") <= 1.0,
                "at most what it dribbled, kept as one message as on any disconnect");
    }

    @Test
    void absurdOctetCountIsCountedNotBufferedAndTheConnectionGoesOn() throws Exception {
        start(600, 100, 10);
        try (Socket s = connect()) {
            String ok = Peers.interopLines("octok", 1).get(0);
            send(s, ok.getBytes(StandardCharsets.UTF_8).length + " " + ok + "99999999999 <13>");
            byte[] flood = new byte[1 << 20];
            java.util.Arrays.fill(flood, (byte) 'x');
            for (int i = 0; i < 8; i++) {
                s.getOutputStream().write(flood); // 8 MiB that would be "part" of that count
            }
            send(s, "\n" + Peers.interopLines("octafter", 1).get(0) + "\n");
            Delivery.exactlyOnce(d, "octok", 1);
            Delivery.exactlyOnce(d, "octafter", 1);
        }
        assertEquals(1.0, d.metric("socd_octet_count_rejected_total", "syslog-tcp"));
        assertEquals(1.0, d.metric("socd_messages_truncated_total", "syslog-tcp"), "the flood, cut at 64 KiB");
        assertEquals(3.0, d.metric("socd_messages_received_total", "syslog-tcp"));
        assertEquals("up", d.json("/health").path("status").asString());
    }
}
