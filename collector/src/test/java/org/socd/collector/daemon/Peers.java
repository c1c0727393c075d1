package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starting the real sender programs the interoperability tests talk to (logger, rsyslogd,
 * syslog-ng, openssl), each with its own files in the test's temp dir and on loopback only.
 */
final class Peers {

    private Peers() {
    }

    /** A port free on loopback right now (the peer binds it a moment later; good enough on a test box). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError("no free loopback port", e);
        }
    }

    /** Runs a command to completion (bounded), failing the test with its output when it fails. */
    static String run(Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd[0] + " (.ci/run installs it): " + e.getMessage(), e);
        }
        p.getOutputStream().close();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
            throw new AssertionError("hung: " + String.join(" ", cmd) + "\n" + out);
        }
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }

    /** Starts a long-running peer with its output in {@code log}; the caller stops it. */
    static Process start(Path log, Map<String, String> env, String... cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + cmd[0] + " (.ci/run installs it): " + e.getMessage(), e);
        }
    }

    /** Stops a peer (SIGTERM, then SIGKILL after a bound) so it flushes what it queued. */
    static void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    static String log(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(unreadable log: " + e + ")";
        }
    }

    /** Waits until something accepts TCP connections on the port, i.e. the peer is up. */
    static void awaitListening(int port, Process p, Path log) throws InterruptedException {
        RunningDaemon.await("a listener on port " + port + " (" + log + ")", () -> {
            if (!p.isAlive()) {
                throw new AssertionError("peer exited with " + p.exitValue() + ":\n" + log(log));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Writes lines to a TCP port, each ending in LF, the way a local program feeds a syslog daemon. */
    static void sendLines(int port, List<String> lines) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        }
    }

    /** N RFC 3164 lines from host {@code myhost}, program {@code interop}[4242], each with the word {@code tag} and a unique one. */
    static List<String> interopLines(String tag, int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add("<" + (19 * 8 + 5) + ">Nov 26 10:00:00 myhost " + InteropRule.APPNAME + "[4242]: " + tag + " " + tag + "n" + i
                    + " user=alice");
        }
        return lines;
    }

    /** Where .ci/run unpacks syslog-ng-core (it conflicts with rsyslog as a Debian package). */
    static Path syslogNgRoot() {
        String configured = System.getenv("SOCD_SYSLOG_NG_ROOT");
        Path root = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "socd-test", "syslog-ng");
        if (!Files.isExecutable(root.resolve("usr/sbin/syslog-ng"))) {
            throw new AssertionError("syslog-ng is not unpacked at " + root + " — run .ci/run (it does apt-get download"
                    + " syslog-ng-core and dpkg -x there) or set SOCD_SYSLOG_NG_ROOT");
        }
        return root;
    }

    /** Environment that lets the unpacked syslog-ng and loggen find their libraries and plugins. */
    static Map<String, String> syslogNgEnv(Path root) {
        return Map.of("LD_LIBRARY_PATH", root.resolve("usr/lib/syslog-ng").toString(),
                "SYSLOGNG_PREFIX", root.resolve("usr").toString());
    }
}
