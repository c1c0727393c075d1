package org.socd.collector.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * Builds the server-side TLS context of the syslog and RELP TLS inputs: TLS 1.2 and 1.3 only
 * (RFC 5425 requires at least 1.2; older versions are broken), the JDK provider, and
 * client-certificate checking against a CA when one is configured.
 */
public final class TlsContexts {

    /** The only protocol versions offered. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /** The syslog TLS input's context; see {@link #server(TlsSettings, String)}. */
    public static SslContext server(TlsSettings s) {
        return server(s, "syslog");
    }

    /**
     * @param input the input's config block and flag prefix, {@code syslog} or {@code relp}: error
     *              messages name {@code <input>.tls.cert} and {@code --<input>-tls-cert}
     * @throws IllegalArgumentException naming the file and what to do when the material is unusable
     */
    public static SslContext server(TlsSettings s, String input) {
        requireReadable(s.cert(), input + ".tls.cert (--" + input + "-tls-cert)", input);
        requireReadable(s.key(), input + ".tls.key (--" + input + "-tls-key)", input);
        if (s.requireClientCert() && s.clientCa() == null) {
            throw new IllegalArgumentException(input + ".tls.require_client_cert is set but " + input + ".tls.client_ca is not:"
                    + " give the CA that signs your senders' certificates (--" + input + "-tls-client-ca)");
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(s.cert().toFile(), s.key().toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS);
            if (s.clientCa() != null) {
                requireReadable(s.clientCa(), input + ".tls.client_ca (--" + input + "-tls-client-ca)", input);
                b.trustManager(s.clientCa().toFile())
                        .clientAuth(s.requireClientCert() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot set up " + input + " TLS from cert " + s.cert() + " and key " + s.key()
                    + (s.clientCa() == null ? "" : " and client CA " + s.clientCa()) + ": " + rootMessage(e)
                    + " — both must be PEM, the key unencrypted PKCS#8 (convert with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY8')", e);
        }
    }

    private static void requireReadable(Path p, String key, String input) {
        if (p == null) {
            throw new IllegalArgumentException(input + " TLS is enabled but " + key + " is not set");
        }
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException(key + ": cannot read " + p.toAbsolutePath() + " — check the path and its permissions");
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + c.getMessage() + ")";
    }
}
