package org.socd.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code relp.tls} block: read like {@code syslog.tls}, port 2515 by default, unknown keys refused. */
class RelpTlsConfigFileTest {

    @TempDir
    Path dir;

    private DaemonConfig read(String yaml) throws Exception {
        Path f = dir.resolve("socd.yml");
        Files.writeString(f, yaml);
        return ConfigFile.read(f, DaemonConfig.defaults());
    }

    @Test
    void aTlsBlockWithCertAndKeyTurnsRelpTlsOnAtPort2515WithPathsBesideTheFile() throws Exception {
        var t = read("relp: { tls: { cert: server.pem, key: server.key, client_ca: ca.pem, require_client_cert: true } }\n")
                .relp().tls();
        assertEquals(DaemonConfig.RelpConfig.DEFAULT_TLS_PORT, t.port());
        assertEquals(dir.resolve("server.pem"), t.cert());
        assertEquals(dir.resolve("server.key"), t.key());
        assertEquals(dir.resolve("ca.pem"), t.clientCa());
        assertTrue(t.requireClientCert());
        assertEquals(2514, read("relp: { tls: { port: 0, cert: a.pem, key: a.key } }\n").relp().port(),
                "plain RELP keeps its port");
        assertEquals(0, read("relp: { tls: { port: 0, cert: a.pem, key: a.key } }\n").relp().tls().port());
        assertFalse(read("relp: { port: 0 }\n").relp().tls().enabled(), "TLS is off unless configured");
    }

    @Test
    void mistakesNameTheRelpTlsKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("relp: { tls: { port: 2515 } }\n"));
        assertTrue(e.getMessage().contains("relp.tls needs both 'cert' and 'key'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> read("relp: { tls: { cert: a, key: b, ca: c } }\n"));
        assertTrue(e.getMessage().contains("unknown key 'relp.tls.ca'"), e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> read("relp: { tls: { cert: a, key: b, require_client_cert: sure } }\n"));
        assertTrue(e.getMessage().contains("relp.tls.require_client_cert must be true or false"), e.getMessage());
    }
}
