package org.socd.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.socd.collector.config.ConfigException;
import org.socd.collector.config.DaemonConfig;
import picocli.CommandLine;

/** The {@code --relp-tls-*} flags land in the configuration, and TLS needs its key material. */
class RelpTlsFlagsTest {

    private static DaemonConfig resolve(String... args) {
        SocdMain m = new SocdMain();
        new CommandLine(m).parseArgs(args);
        return m.resolve();
    }

    @Test
    void certAndKeyAloneTurnRelpTlsOnAtPort2515() {
        var r = resolve("--relp-port", "3514", "--relp-tls-cert", "s.pem", "--relp-tls-key", "s.key",
                "--relp-tls-client-ca", "ca.pem", "--relp-tls-require-client-cert").relp();
        assertEquals(3514, r.port());
        assertEquals(2515, r.tls().port());
        assertEquals(Path.of("s.pem"), r.tls().cert());
        assertEquals(Path.of("s.key"), r.tls().key());
        assertEquals(Path.of("ca.pem"), r.tls().clientCa());
        assertTrue(r.tls().requireClientCert());
        assertEquals(7515, resolve("--relp-tls-port", "7515", "--relp-tls-cert", "s.pem", "--relp-tls-key", "s.key")
                .relp().tls().port());
        assertFalse(resolve().relp().tls().enabled(), "off by default");
        assertEquals(2514, resolve().relp().port());
    }

    @Test
    void aPortWithoutCertificateIsAnErrorNamingTheFlags() {
        ConfigException e = assertThrows(ConfigException.class, () -> resolve("--relp-tls-port", "2515"));
        assertTrue(e.getMessage().contains("--relp-tls-cert"), e.getMessage());
    }
}
