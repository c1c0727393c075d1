package org.socd.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.socd.collector.config.ConfigException;
import org.socd.collector.config.DaemonConfig;
import picocli.CommandLine;

/** The syslog transport flags land in the configuration, and TLS needs its key material. */
class SocdMainSyslogFlagsTest {

    private static DaemonConfig resolve(String... args) {
        SocdMain m = new SocdMain();
        new CommandLine(m).parseArgs(args);
        return m.resolve();
    }

    @Test
    void limitFlagsAndTlsFlags() {
        var s = resolve("--syslog-idle-timeout", "5", "--syslog-max-connections", "7",
                "--syslog-max-connections-per-ip", "3", "--syslog-tls-cert", "s.pem", "--syslog-tls-key", "s.key",
                "--syslog-tls-client-ca", "ca.pem", "--syslog-tls-require-client-cert").syslog();
        assertEquals(5, s.idleTimeoutSeconds());
        assertEquals(7, s.maxConnections());
        assertEquals(3, s.maxConnectionsPerIp());
        assertEquals(6514, s.tls().port(), "cert and key alone turn TLS on at the standard port");
        assertEquals(Path.of("s.pem"), s.tls().cert());
        assertEquals(Path.of("ca.pem"), s.tls().clientCa());
        assertTrue(s.tls().requireClientCert());
        assertEquals(7514, resolve("--syslog-tls-port", "7514", "--syslog-tls-cert", "s.pem", "--syslog-tls-key", "s.key")
                .syslog().tls().port());
    }

    @Test
    void nonPositiveLimitIsAnErrorNamingTheFlag() {
        ConfigException e = assertThrows(ConfigException.class, () -> resolve("--syslog-max-connections-per-ip", "0"));
        assertTrue(e.getMessage().contains("--syslog-max-connections-per-ip"), e.getMessage());
    }

    @Test
    void tlsPortWithoutCertificateIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> resolve("--syslog-tls-port", "6514"));
        assertTrue(e.getMessage().contains("--syslog-tls-cert"), e.getMessage());
    }
}
