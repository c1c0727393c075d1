package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig;
import tools.jackson.databind.JsonNode;

/**
 * util-linux {@code logger}, the real program from Debian's bsdutils package (.ci/run installs
 * it), sends to the daemon over TCP and UDP in both RFC formats, LF-framed and octet-counted;
 * each line must arrive exactly once with the header fields logger put in it. A bundled-rule
 * check (sshd) shows the same path raises a real detection.
 */
class LoggerInteropIT {

    private static final int N = 5;

    @TempDir
    static Path dir;
    static RunningDaemon d;

    @BeforeAll
    static void start() {
        d = new RunningDaemon(dir.resolve("data"), new DaemonConfig.SyslogConfig("127.0.0.1", 0, 0, 64 * 1024),
                List.of(InteropRule.directory(dir)));
    }

    @AfterAll
    static void stop() {
        if (d != null) {
            d.close();
        }
    }

    private static int port(String transportFlag) {
        return transportFlag.equals("-T") ? d.daemon.syslogTcpAddress().getPort() : d.daemon.syslogUdpAddress().getPort();
    }

    /** Sends N lines with logger as program 'interop', facility local3, severity notice, and checks each. */
    private void sendAndCheck(String tag, String... flags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("logger"));
        cmd.addAll(List.of(flags));
        String transport = List.of(flags).contains("-d") ? "-d" : "-T";
        cmd.addAll(List.of("-n", "127.0.0.1", "-P", Integer.toString(port(transport)), "-t", InteropRule.APPNAME,
                "-i", "-p", "local3.notice"));
        for (int i = 0; i < N; i++) {
            List<String> one = new ArrayList<>(cmd);
            one.add(tag + " " + tag + "n" + i + " from logger");
            Peers.run(Map.of(), one.toArray(String[]::new));
        }
        String input = transport.equals("-d") ? "syslog-udp" : "syslog-tcp";
        for (JsonNode e : Delivery.exactlyOnce(d, tag, N)) {
            assertEquals(InteropRule.APPNAME, e.path("appname").asString(), e.toString());
            assertEquals(19, e.path("facility").asInt(), e.toString());
            assertEquals(5, e.path("severity").asInt(), e.toString());
            assertTrue(e.path("procid").asString().matches("\\d+"), "logger -i sends its pid: " + e);
            assertTrue(!e.path("hostname").asString().isEmpty(), e.toString());
            assertTrue(e.path("message").asString().startsWith(tag + " " + tag + "n"), e.toString());
            assertTrue(e.path("message").asString().endsWith(" from logger"), "no framing bytes in the message: " + e);
            assertEquals(input, e.path("input").asString(), e.toString());
            assertEquals("127.0.0.1", e.path("source_ip").asString(), e.toString());
            assertTrue(e.path("parse_error").isMissingNode() || e.path("parse_error").isNull(), e.toString());
        }
    }

    @Test
    void tcpRfc3164() throws Exception {
        sendAndCheck("lgtcpbsd", "-T", "--rfc3164");
    }

    @Test
    void tcpRfc5424() throws Exception {
        sendAndCheck("lgtcpietf", "-T", "--rfc5424");
    }

    @Test
    void tcpRfc3164OctetCounted() throws Exception {
        sendAndCheck("lgoctbsd", "-T", "--octet-count", "--rfc3164");
    }

    @Test
    void tcpRfc5424OctetCounted() throws Exception {
        sendAndCheck("lgoctietf", "-T", "--octet-count", "--rfc5424");
    }

    @Test
    void udpRfc3164() throws Exception {
        sendAndCheck("lgudpbsd", "-d", "--rfc3164");
    }

    @Test
    void udpRfc5424() throws Exception {
        sendAndCheck("lgudpietf", "-d", "--rfc5424");
    }

    @Test
    void sshdFailureFromLoggerRaisesTheBundledDetection() throws Exception {
        Peers.run(Map.of(), "logger", "-T", "--rfc3164", "-n", "127.0.0.1", "-P", Integer.toString(port("-T")),
                "-t", "sshd", "-i", "-p", "auth.info", "Failed password for invalid user loggersshd from 203.0.113.7 port 52113 ssh2");
        RunningDaemon.await("the sshd alert", () -> d.alertCount("message:loggersshd") == 1);
        var alert = d.json("/api/v1/alerts?q=message:loggersshd").path("alerts").path(0);
        assertEquals("SSH Password Authentication Failure", alert.path("rule_title").asString(), alert.toString());
    }
}
