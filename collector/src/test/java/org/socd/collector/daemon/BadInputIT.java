package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage, binary data, a 10 MB line without a newline and abrupt disconnects on the syslog
 * port: the daemon keeps serving, keeps the events with a parse-failure flag and counts them.
 */
class BadInputIT {

    private static final String GOOD = "<38>Nov 26 10:00:00 after-garbage sshd[1]: Failed password for root from 198.51.100.9 port 40000 ssh2\n";

    @TempDir
    Path dir;
    RunningDaemon d;

    @BeforeEach
    void start() {
        d = new RunningDaemon(dir, 64 * 1024);
    }

    @AfterEach
    void stop() {
        d.close();
    }

    @Test
    void tenMegabyteLineIsCutCountedAndTheConnectionSurvives() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(d.daemon.syslogTcpAddress());
            OutputStream out = s.getOutputStream();
            byte[] chunk = new byte[1024 * 1024];
            Arrays.fill(chunk, (byte) 'A');
            for (int i = 0; i < 10; i++) {
                out.write(chunk);
            }
            out.write('\n');
            out.write(GOOD.getBytes(StandardCharsets.UTF_8));
            out.flush();
            RunningDaemon.await("the good line after the long one", () -> d.alertCount("host:after-garbage") == 1);
        }
        assertEquals(1.0, d.metric("socd_messages_truncated_total", "syslog-tcp"));
        assertEquals(2.0, d.metric("socd_messages_received_total", "syslog-tcp"));
        assertEquals(1.0, d.metric("socd_parse_failures_total", "syslog-tcp"),
                "the cut line is kept as an event flagged as a parse failure");
    }

    @Test
    void binaryGarbageAndAbruptDisconnectsDoNotStopTheDaemon() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            try (Socket s = new Socket()) {
                s.connect(d.daemon.syslogTcpAddress());
                byte[] garbage = new byte[random.nextInt(200_000) + 1];
                random.nextBytes(garbage);
                s.getOutputStream().write(garbage);
                s.setSoLinger(true, 0); // close with RST, mid-message
            }
        }
        try (java.net.DatagramSocket u = new java.net.DatagramSocket()) {
            for (int i = 0; i < 50; i++) {
                byte[] garbage = new byte[random.nextInt(1400) + 1];
                random.nextBytes(garbage);
                u.send(new java.net.DatagramPacket(garbage, garbage.length, d.daemon.syslogUdpAddress()));
            }
        }
        try (Socket s = new Socket()) {
            s.connect(d.daemon.syslogTcpAddress());
            s.getOutputStream().write(GOOD.getBytes(StandardCharsets.UTF_8));
        }
        RunningDaemon.await("the good line after the garbage", () -> d.alertCount("host:after-garbage") == 1);
        assertTrue(d.metric("socd_parse_failures_total", "syslog-tcp") > 0, "garbage is counted as parse failures");
        assertEquals("up", d.json("/health").path("status").asString());
    }
}
