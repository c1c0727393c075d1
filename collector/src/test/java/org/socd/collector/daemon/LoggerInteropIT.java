package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * util-linux {@code logger}, the real program from Debian's bsdutils package (.ci/run installs
 * it), sends to the daemon over TCP and UDP in both RFC formats, exactly as the README's tour
 * does; each line must end up as an alert.
 */
class LoggerInteropIT {

    @TempDir
    static Path dir;
    static RunningDaemon d;

    @BeforeAll
    static void start() {
        d = new RunningDaemon(dir, 64 * 1024);
    }

    @AfterAll
    static void stop() {
        if (d != null) {
            d.close();
        }
    }

    private static void logger(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("logger"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot run util-linux logger (apt-get install bsdutils; .ci/run does): " + e.getMessage(), e);
        }
        boolean done = p.waitFor(10, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(true, done, "logger hung: " + cmd);
        assertEquals(0, p.exitValue(), "logger failed: " + out);
    }

    /** {@code marker} is a user name unique to the test, so the alert can be found by a word of its message. */
    private void sendAndFind(String transportFlag, String format, String marker) throws Exception {
        int port = transportFlag.equals("-T") ? d.daemon.syslogTcpAddress().getPort() : d.daemon.syslogUdpAddress().getPort();
        logger(transportFlag, format, "-n", "127.0.0.1", "-P", Integer.toString(port),
                "-t", "sshd", "-i", "-p", "auth.info",
                "Failed password for invalid user " + marker + " from 203.0.113.7 port 52113 ssh2");
        RunningDaemon.await("alert from logger " + transportFlag + " " + format, () -> d.alertCount("message:" + marker) == 1);
    }

    @Test
    void tcpRfc3164() throws Exception {
        sendAndFind("-T", "--rfc3164", "loggertcp3164");
    }

    @Test
    void tcpRfc5424() throws Exception {
        sendAndFind("-T", "--rfc5424", "loggertcp5424");
    }

    @Test
    void udpRfc3164() throws Exception {
        sendAndFind("-d", "--rfc3164", "loggerudp3164");
    }

    @Test
    void udpRfc5424() throws Exception {
        sendAndFind("-d", "--rfc5424", "loggerudp5424");
    }
}
