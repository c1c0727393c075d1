package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig;

/**
 * The TLS input against the real {@code openssl s_client}: a client with a certificate from
 * the configured CA is served, one without is refused, and TLS 1.1 is refused; each refusal is
 * counted in {@code socd_tls_handshake_failures_total}.
 */
class TlsInputIT {

    @TempDir
    static Path dir;
    static RunningDaemon d;
    static Certs certs;

    @BeforeAll
    static void start() throws Exception {
        certs = Certs.create(dir.resolve("pki"));
        d = new RunningDaemon(dir.resolve("data"), new DaemonConfig.SyslogConfig("127.0.0.1", 0, 0, 64 * 1024,
                600, 4096, 64, new DaemonConfig.TlsConfig(0, certs.serverCert(), certs.serverKey(), certs.ca(), true)),
                List.of(InteropRule.directory(dir)));
    }

    @AfterAll
    static void stop() {
        if (d != null) {
            d.close();
        }
    }

    /**
     * Runs s_client with {@code extra} options, feeding it {@code lines}, and closes its input
     * (which ends it) once {@code done} holds: closing at once can end the session before the
     * TLS records have left. Returns its output.
     */
    private static String sClient(String lines, String what, BooleanSupplier done, String... extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + d.daemon.syslogTlsAddress().getPort(), "-CAfile", certs.ca().toString(), "-quiet", "-no_ign_eof"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(lines.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        RunningDaemon.await(what, done);
        p.getOutputStream().close();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String lines(String tag, int n) {
        return String.join("\n", Peers.interopLines(tag, n)) + "\n";
    }

    @Test
    void clientWithACertificateFromTheCaIsServed() throws Exception {
        double received = d.metric("socd_messages_received_total", "syslog-tls");
        String out = sClient(lines("tlsgood", 3), "three messages received over TLS",
                () -> d.metric("socd_messages_received_total", "syslog-tls") >= received + 3,
                "-cert", certs.clientCert().toString(), "-key", certs.clientKey().toString());
        try {
            Delivery.exactlyOnce(d, "tlsgood", 3);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\ns_client said:\n" + out, e);
        }
    }

    @Test
    void clientWithoutACertificateIsRefusedAndCounted() throws Exception {
        double before = d.metric("socd_tls_handshake_failures_total", "syslog-tls");
        sClient(lines("tlsnocert", 1), "a counted handshake failure",
                () -> d.metric("socd_tls_handshake_failures_total", "syslog-tls") > before);
        RunningDaemon.await("a counted handshake failure",
                () -> d.metric("socd_tls_handshake_failures_total", "syslog-tls") > before);
        double received = d.metric("socd_messages_received_total", "syslog-tls");
        sClient(lines("tlsmarker", 1), "the marker received over TLS",
                () -> d.metric("socd_messages_received_total", "syslog-tls") > received,
                "-cert", certs.clientCert().toString(), "-key", certs.clientKey().toString());
        Delivery.exactlyOnce(d, "tlsmarker", 1); // what came after on a good connection is there...
        assertEquals(0, d.alertCount("message:tlsnocert"), "...and nothing from the refused one");
    }

    @Test
    void tlsOlderThan12IsRefused() throws Exception {
        double before = d.metric("socd_tls_handshake_failures_total", "syslog-tls");
        String out = sClient(lines("tlsold", 1), "a counted handshake failure for TLS 1.1",
                () -> d.metric("socd_tls_handshake_failures_total", "syslog-tls") > before, "-tls1_1", "-cert", certs.clientCert().toString(),
                "-key", certs.clientKey().toString());
        RunningDaemon.await("a counted handshake failure for TLS 1.1",
                () -> d.metric("socd_tls_handshake_failures_total", "syslog-tls") > before);
        assertTrue(!out.contains("Protocol  : TLSv1.1"), out);
        assertEquals(0, d.alertCount("message:tlsold"));
    }
}
