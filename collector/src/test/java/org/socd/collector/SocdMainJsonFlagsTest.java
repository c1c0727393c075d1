package org.socd.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.socd.collector.config.DaemonConfig;
import picocli.CommandLine;

/** {@code --json-port} and {@code --json-bind} land in the configuration; without them JSON is off. */
class SocdMainJsonFlagsTest {

    private static DaemonConfig resolve(String... args) {
        SocdMain m = new SocdMain();
        new CommandLine(m).parseArgs(args);
        return m.resolve();
    }

    @Test
    void jsonFlags() {
        assertFalse(resolve().json().enabled());
        var j = resolve("--json-port", "5515", "--json-bind", "0.0.0.0").json();
        assertEquals(5515, j.port());
        assertEquals("0.0.0.0", j.bind());
        assertEquals("127.0.0.1", resolve("--json-port", "0").json().bind());
    }
}
