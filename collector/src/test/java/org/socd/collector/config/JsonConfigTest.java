package org.socd.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code json} section: off by default, bind and port read, typos refused. */
class JsonConfigTest {

    @TempDir
    Path dir;

    private DaemonConfig read(String yaml) throws Exception {
        Path f = dir.resolve("socd.yml");
        Files.writeString(f, yaml);
        return ConfigFile.read(f, DaemonConfig.defaults());
    }

    @Test
    void offByDefault() throws Exception {
        assertFalse(DaemonConfig.defaults().json().enabled());
        assertFalse(read("syslog: { tcp_port: 1514 }").json().enabled());
    }

    @Test
    void bindAndPortAreRead() throws Exception {
        var j = read("json: { bind: 0.0.0.0, port: 5515 }").json();
        assertTrue(j.enabled());
        assertEquals("0.0.0.0", j.bind());
        assertEquals(5515, j.port());
        assertEquals("127.0.0.1", read("json: { port: 0 }").json().bind());
    }

    @Test
    void unknownKeyAndBadPortAreErrorsNamingTheKey() {
        ConfigException unknown = assertThrows(ConfigException.class, () -> read("json: { prot: 5515 }"));
        assertTrue(unknown.getMessage().contains("json.prot"), unknown.getMessage());
        ConfigException port = assertThrows(ConfigException.class, () -> read("json: { port: 70000 }"));
        assertTrue(port.getMessage().contains("json.port"), port.getMessage());
    }
}
