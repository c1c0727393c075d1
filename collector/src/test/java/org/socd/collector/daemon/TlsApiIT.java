package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig;

/** The API over HTTPS with a certificate made by openssl, trusted by the client and nothing else. */
class TlsApiIT {

    @Test
    void theApiSpeaksHttpsWithTheConfiguredCertificate(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("api.crt");
        Path key = dir.resolve("api.key");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
        String log = new String(openssl.getInputStream().readAllBytes());
        assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, "openssl failed: " + log);

        DaemonConfig d = DaemonConfig.defaults();
        try (Daemon daemon = Daemon.start(new DaemonConfig(dir.resolve("data"),
                new DaemonConfig.SyslogConfig("127.0.0.1", -1, -1, 1024),
                new DaemonConfig.ApiConfig("127.0.0.1", 0, cert, key, false), List.of(), d.pipeline(), d.timeZone()),
                Clock.systemUTC())) {
            assertTrue(daemon.apiUrl().startsWith("https://"), daemon.apiUrl());
            String token = Files.readString(dir.resolve("data/admin.token")).trim();
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(cert)).build();
            HttpResponse<String> r = trusting.send(HttpRequest.newBuilder(URI.create(daemon.apiUrl() + "/api/v1/status"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"api\":\"https://"), r.body());
            // A client that does not trust the certificate gets no answer at all.
            HttpClient stranger = HttpClient.newHttpClient();
            assertThrows(java.io.IOException.class, () -> stranger.send(HttpRequest.newBuilder(
                    URI.create(daemon.apiUrl() + "/health")).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void aBadKeyFileStopsTheStartWithWhatToDo(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("api.crt"), "not a certificate");
        Path key = Files.writeString(dir.resolve("api.key"), "not a key");
        DaemonConfig d = DaemonConfig.defaults();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Daemon.start(new DaemonConfig(
                dir.resolve("data"), new DaemonConfig.SyslogConfig("127.0.0.1", -1, -1, 1024),
                new DaemonConfig.ApiConfig("127.0.0.1", 0, cert, key, false), List.of(), d.pipeline(), d.timeZone()),
                Clock.systemUTC()));
        assertTrue(e.getMessage().contains("PKCS#8"), e.getMessage());
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            ks.setCertificateEntry("socd", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
