package org.socd.collector.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A throw-away PKI made with the real {@code openssl} CLI: a CA, a server certificate for
 * localhost/127.0.0.1 and a client certificate, all signed by the CA, PEM, keys unencrypted PKCS#8.
 */
public record Certs(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

    public static Certs create(Path dir) throws Exception {
        Files.createDirectories(dir);
        String d = dir.toString();
        Map<String, String> env = Map.of();
        Peers.run(env, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", d + "/ca.key",
                "-out", d + "/ca.pem", "-days", "2", "-subj", "/CN=socd test CA");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        for (String who : new String[] {"server", "client"}) {
            Peers.run(env, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", d + "/" + who + ".key",
                    "-out", d + "/" + who + ".csr", "-subj", "/CN=" + (who.equals("server") ? "localhost" : "sender"));
            Peers.run(env, "openssl", "x509", "-req", "-in", d + "/" + who + ".csr", "-CA", d + "/ca.pem",
                    "-CAkey", d + "/ca.key", "-CAcreateserial", "-out", d + "/" + who + ".pem", "-days", "2",
                    "-extfile", d + "/" + who + ".ext");
        }
        return new Certs(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"),
                dir.resolve("client.pem"), dir.resolve("client.key"));
    }
}
