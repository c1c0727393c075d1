package org.socd.collector.relp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.daemon.Certs;
import org.socd.collector.journal.Journal;
import org.socd.collector.journal.JournalRecord;
import org.socd.collector.journal.JournalReader;
import org.socd.collector.journal.JournalSettings;
import org.socd.collector.net.Transport;
import org.socd.collector.tls.TlsContexts;
import org.socd.collector.tls.TlsSettings;

/**
 * RELP over TLS against a real journal, with certificates from the real {@code openssl} CLI: a
 * JDK TLS client with a certificate from the CA speaks open/syslog/close and gets {@code 200 OK}
 * only once its messages are fsynced; a client without a certificate and a TLS 1.1 client
 * ({@code openssl s_client}) are refused, counted, and leave nothing in the journal.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RelpTlsIT {

    @TempDir
    static Path dir;
    static Certs certs;
    static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    static Journal journal;
    static EventLoopGroup group;
    static RelpInput input;

    @BeforeAll
    static void start() throws Exception {
        certs = Certs.create(dir.resolve("pki"));
        // A long group-commit interval: an answer sent before the fsync would be seen by the test.
        journal = Journal.open(new JournalSettings(dir.resolve("journal"), 1 << 20, 200, 1 << 20, 1 << 20, 1 << 30,
                Duration.ofDays(1), 0), REGISTRY);
        Transport t = Transport.best();
        group = t.newGroup(1);
        input = RelpInput.start(t, group, group, new InetSocketAddress("127.0.0.1", 0), journal, REGISTRY,
                TlsContexts.server(new TlsSettings(certs.serverCert(), certs.serverKey(), certs.ca(), true), "relp"));
    }

    @AfterAll
    static void stop() {
        if (input != null) {
            input.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (journal != null) {
            journal.close();
        }
    }

    private static double handshakeFailures() {
        var c = REGISTRY.find("socd.tls.handshake.failures").tag("input", RelpInput.TLS_INPUT).counter();
        return c == null ? 0 : c.count();
    }

    /** A JDK TLS client socket, with the client certificate or without any. */
    private static SSLSocket connect(boolean withCert) throws Exception {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(certs.ca().toFile());
        if (withCert) {
            b.keyManager(certs.clientCert().toFile(), certs.clientKey().toFile());
        }
        SSLContext ctx = ((JdkSslContext) b.build()).context();
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", input.localAddress().getPort());
        s.setSoTimeout(20_000);
        return s;
    }

    private static String frame(long txnr, String command, String data) {
        int length = data.getBytes(StandardCharsets.UTF_8).length;
        return txnr + " " + command + " " + length + (length > 0 ? " " + data : "") + "\n";
    }

    /** Reads one response frame, data included (it may contain LFs: DATALEN says how much). */
    private static String response(BufferedReader in) throws IOException {
        StringBuilder header = new StringBuilder();
        int spaces = 0;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == ' ' && ++spaces == 3) {
                break;
            }
            if (c == '\n' && spaces == 2) {
                return header.toString();
            }
            header.append((char) c);
        }
        int length = Integer.parseInt(header.substring(header.lastIndexOf(" ") + 1));
        char[] data = new char[length];
        int read = 0;
        while (read < length) {
            read += in.read(data, read, length - read);
        }
        assertEquals('\n', in.read(), "frame trailer");
        return header + " " + new String(data);
    }

    /** Every journaled message text with its input name, as "input|text". */
    private static List<String> journaled() throws IOException {
        List<String> out = new java.util.ArrayList<>();
        try (JournalReader reader = journal.reader(0)) {
            JournalRecord rec = new JournalRecord();
            while (reader.next(rec)) {
                out.add(rec.meta().input() + "|" + new String(rec.data(), 0, rec.length(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aClientWithACertificateGets200OnlyForDurableMessages() throws Exception {
        long start = journal.durableEnd();
        try (SSLSocket s = connect(true)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            s.getOutputStream().write((frame(1, "open", "relp_version=0\nrelp_software=test\ncommands=syslog")
                    + frame(2, "syslog", "<13>Nov 26 10:00:00 tlshost app: tls one")
                    + frame(3, "syslog", "<13>Nov 26 10:00:00 tlshost app: tls two")
                    + frame(4, "close", "")).getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            String open = response(in);
            assertTrue(open.startsWith("1 rsp ") && open.contains("200 OK\n") && open.contains("commands=syslog"), open);
            assertEquals("2 rsp 6 200 OK", response(in));
            assertTrue(journal.durableEnd() >= start + 1, "answered before the message was durable");
            assertEquals("3 rsp 6 200 OK", response(in));
            assertTrue(journal.durableEnd() >= start + 2, "answered before the message was durable");
            assertEquals("4 rsp 6 200 OK", response(in));
            assertEquals(-1, in.read(), "the server closes after close");
            assertEquals("TLSv1.3", s.getSession().getProtocol());
        }
        List<String> all = journaled();
        assertEquals(1, all.stream().filter(r -> r.equals("relp-tls|<13>Nov 26 10:00:00 tlshost app: tls one")).count(), all.toString());
        assertEquals(1, all.stream().filter(r -> r.equals("relp-tls|<13>Nov 26 10:00:00 tlshost app: tls two")).count(), all.toString());
        assertEquals(2.0, REGISTRY.find("socd.messages.received").tag("input", "relp-tls").counter().count(), 0.0);
    }

    @Test
    void aClientWithoutACertificateIsRefusedCountedAndJournalsNothing() throws Exception {
        double before = handshakeFailures();
        assertThrows(IOException.class, () -> {
            try (SSLSocket s = connect(false)) {
                // TLS 1.3 reports the refused certificate on the first read after the handshake.
                s.getOutputStream().write(frame(1, "open", "relp_version=0\ncommands=syslog")
                        .concat(frame(2, "syslog", "<13>Nov 26 10:00:00 tlshost app: nocert")).getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                if (s.getInputStream().read() < 0) {
                    throw new IOException("closed without an answer");
                }
            }
        });
        await("a counted handshake failure", () -> handshakeFailures() > before);
        assertTrue(journaled().stream().noneMatch(r -> r.contains("nocert")), "nothing from the refused client is journaled");
    }

    @Test
    void tlsOlderThan12IsRefusedAndCounted() throws Exception {
        double before = handshakeFailures();
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + input.localAddress().getPort(),
                "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0", "-CAfile", certs.ca().toString(),
                "-cert", certs.clientCert().toString(), "-key", certs.clientKey().toString(), "-quiet", "-no_ign_eof")
                .redirectErrorStream(true).start();
        p.getOutputStream().write((frame(1, "open", "relp_version=0\ncommands=syslog")
                + frame(2, "syslog", "<13>Nov 26 10:00:00 tlshost app: tlsold")).getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        await("a counted handshake failure for TLS 1.1; s_client said: " + out, () -> handshakeFailures() > before);
        assertTrue(!out.contains("rsp"), "no RELP answer over TLS 1.1: " + out);
        assertTrue(journaled().stream().noneMatch(r -> r.contains("tlsold")), "nothing over TLS 1.1 is journaled");
    }
}
