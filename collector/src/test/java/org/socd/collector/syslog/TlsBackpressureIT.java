package org.socd.collector.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.net.Transport;
import org.socd.collector.tls.TlsContexts;
import org.socd.collector.tls.TlsSettings;

/**
 * TLS takes the same backpressure path as TCP: with a sink that refuses most offers (a full
 * pipeline), every message still arrives, once, in order, and the event loop never blocks.
 * Certificates come from the real openssl CLI.
 */
class TlsBackpressureIT {

    @TempDir
    Path dir;

    private static void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("openssl failed (.ci/run installs it): " + out);
        }
    }

    @Test
    void refusingSinkSlowsTheTlsSenderWithoutLosingAMessage() throws Exception {
        String d = dir.toString();
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", d + "/key.pem", "-out", d + "/cert.pem",
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1");
        var context = TlsContexts.server(new TlsSettings(dir.resolve("cert.pem"), dir.resolve("key.pem"), null, false));
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(2);
        List<String> got = new ArrayList<>();
        AtomicInteger offers = new AtomicInteger();
        int n = 5000;
        AtomicInteger refusals = new AtomicInteger();
        try (SyslogTcpInput in = SyslogTcpInput.start(transport, group, group, new InetSocketAddress("127.0.0.1", 0),
                new TcpInputSettings("syslog-tls", 64 * 1024, Duration.ofMinutes(10), 10, 10, context),
                (data, off, len, meta) -> {
                    if (offers.incrementAndGet() % 10 == 0) {
                        refusals.incrementAndGet();
                        return false; // every tenth offer finds the pipeline full: pause, retry, resume
                    }
                    synchronized (got) {
                        got.add(new String(data, off, len, StandardCharsets.UTF_8));
                    }
                    return true;
                }, new SimpleMeterRegistry())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (var pem = java.nio.file.Files.newInputStream(dir.resolve("cert.pem"))) {
                trust.setCertificateEntry("socd", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLSv1.3");
            client.init(null, tmf.getTrustManagers(), null);
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", in.localAddress().getPort())) {
                OutputStream out = s.getOutputStream();
                StringBuilder batch = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    String msg = "<13>Nov 26 10:00:00 host app: message " + i;
                    // mix both framings on one connection
                    batch.append(i % 2 == 0 ? msg.length() + " " + msg : msg + "\n");
                }
                out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline) {
                    synchronized (got) {
                        if (got.size() >= n) {
                            break;
                        }
                    }
                    Thread.sleep(20);
                }
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        synchronized (got) {
            assertEquals(n, got.size());
            assertEquals(true, refusals.get() >= n / 10, "the pipeline-full path was taken");
            for (int i = 0; i < n; i++) {
                assertEquals("<13>Nov 26 10:00:00 host app: message " + i, got.get(i));
            }
        }
    }
}
