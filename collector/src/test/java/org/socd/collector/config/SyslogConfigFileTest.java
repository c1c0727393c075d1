package org.socd.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The syslog transport keys: connection limits, idle timeout and the TLS block. */
class SyslogConfigFileTest {

    @TempDir
    Path dir;

    private DaemonConfig read(String yaml) throws Exception {
        Path f = dir.resolve("socd.yml");
        Files.writeString(f, yaml);
        return ConfigFile.read(f, DaemonConfig.defaults());
    }

    @Test
    void defaultsHaveTlsOffAndSaneLimits() {
        var s = DaemonConfig.defaults().syslog();
        assertFalse(s.tls().enabled());
        assertEquals(600, s.idleTimeoutSeconds());
        assertEquals(4096, s.maxConnections());
        assertEquals(64, s.maxConnectionsPerIp());
        assertEquals(64 * 1024, s.maxMessageBytes());
    }

    @Test
    void limitsAndTlsAreReadWithPathsRelativeToTheFile() throws Exception {
        var s = read("""
                syslog:
                  idle_timeout_seconds: 30
                  max_connections: 100
                  max_connections_per_ip: 5
                  tls:
                    cert: pki/server.pem
                    key: pki/server.key
                    client_ca: pki/ca.pem
                    require_client_cert: true
                """).syslog();
        assertEquals(30, s.idleTimeoutSeconds());
        assertEquals(100, s.maxConnections());
        assertEquals(5, s.maxConnectionsPerIp());
        assertEquals(6514, s.tls().port(), "a tls block without a port means the standard 6514");
        assertEquals(dir.resolve("pki/server.pem"), s.tls().cert());
        assertEquals(dir.resolve("pki/server.key"), s.tls().key());
        assertEquals(dir.resolve("pki/ca.pem"), s.tls().clientCa());
        assertTrue(s.tls().requireClientCert());
    }

    @Test
    void tlsWithoutKeyOrWithAnUnknownKeyIsAnErrorNamingIt() {
        ConfigException noKey = assertThrows(ConfigException.class, () -> read("syslog:\n  tls:\n    cert: a.pem\n"));
        assertTrue(noKey.getMessage().contains("'cert' and 'key'"), noKey.getMessage());
        ConfigException typo = assertThrows(ConfigException.class,
                () -> read("syslog:\n  tls:\n    cert: a.pem\n    key: a.key\n    client_cert: c.pem\n"));
        assertTrue(typo.getMessage().contains("syslog.tls.client_cert"), typo.getMessage());
        assertTrue(typo.getMessage().contains("client_ca"), typo.getMessage());
        ConfigException bool = assertThrows(ConfigException.class,
                () -> read("syslog:\n  tls:\n    cert: a.pem\n    key: a.key\n    require_client_cert: maybe\n"));
        assertTrue(bool.getMessage().contains("require_client_cert"), bool.getMessage());
        ConfigException limit = assertThrows(ConfigException.class, () -> read("syslog:\n  max_connections_per_ip: 0\n"));
        assertTrue(limit.getMessage().contains("syslog.max_connections_per_ip"), limit.getMessage());
    }

    @Test
    void tlsCanBeTurnedOffWithPortMinusOne() throws Exception {
        assertFalse(read("syslog:\n  tls: { port: -1 }\n").syslog().tls().enabled());
    }
}
