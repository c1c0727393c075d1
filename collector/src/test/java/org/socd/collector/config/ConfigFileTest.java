package org.socd.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    private DaemonConfig read(String yaml) throws Exception {
        Path f = dir.resolve("socd.yml");
        Files.writeString(f, yaml);
        return ConfigFile.read(f, DaemonConfig.defaults());
    }

    @Test
    void valuesOverrideDefaultsAndPathsResolveAgainstTheFile() throws Exception {
        DaemonConfig c = read("""
                data_dir: state
                time_zone: Europe/Berlin
                syslog:
                  udp_port: 1514
                  max_message_bytes: 8192
                api:
                  port: 0
                rules:
                  directories: [site-rules]
                  mapping: mapping.yml
                """);
        assertEquals(dir.resolve("state"), c.dataDir());
        assertEquals(ZoneId.of("Europe/Berlin"), c.timeZone());
        assertEquals(1514, c.syslog().udpPort());
        assertEquals(5514, c.syslog().tcpPort(), "unset keys keep their defaults");
        assertEquals(8192, c.syslog().maxMessageBytes());
        assertEquals(0, c.api().port());
        assertEquals(java.util.List.of(dir.resolve("site-rules")), c.ruleDirs());
        assertEquals(dir.resolve("mapping.yml"), c.ruleFiles().mapping());
        assertEquals(null, c.ruleFiles().placeholders(), "no placeholder file unless configured");
    }

    @Test
    void correlationLimitsAndInputThreadsAreRead() throws Exception {
        DaemonConfig c = read("""
                pipeline: { ring_size: 4096, shards: 2, io_threads: 1 }
                correlation: { max_groups: 500, events_per_match: 3 }
                """);
        assertEquals(4096, c.pipeline().ringSize());
        assertEquals(2, c.pipeline().shards());
        assertEquals(1, c.pipeline().ioThreads());
        assertEquals(new org.socd.rules.correlation.CorrelationLimits(500, 50_000, 3), c.pipeline().correlationLimits(),
                "unset max_entries keeps its default");
        ConfigException e = assertThrows(ConfigException.class, () -> read("correlation: { max_groups: 0 }\n"));
        assertTrue(e.getMessage().contains("correlation.max_groups"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> read("correlation: { max_group: 10 }\n"));
        assertTrue(e.getMessage().contains("correlation.max_group"), e.getMessage());
    }

    @Test
    void unknownKeyIsAnErrorThatNamesItAndTheKnownOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("syslog:\n  udp_prot: 1514\n"));
        assertTrue(e.getMessage().contains("syslog.udp_prot"), e.getMessage());
        assertTrue(e.getMessage().contains("udp_port"), e.getMessage());
    }

    @Test
    void badPortIsAnErrorWithTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("api:\n  port: 70000\n"));
        assertTrue(e.getMessage().contains("api.port"), e.getMessage());
    }

    @Test
    void invalidYamlNamesTheLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("syslog:\n  udp_port: [1\n"));
        assertTrue(e.getMessage().contains("line"), e.getMessage());
    }

    @Test
    void emptyFileMeansDefaults() throws Exception {
        assertEquals(DaemonConfig.defaults().syslog(), read("").syslog());
    }

    @Test
    void missingFileSaysWhichPath() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFile.read(dir.resolve("nope.yml"), DaemonConfig.defaults()));
        assertTrue(e.getMessage().contains("nope.yml"), e.getMessage());
    }

    @Test
    void apiTlsMetricsTokenAndAlertRetention() throws Exception {
        DaemonConfig c = read("""
                api: { tls_cert: certs/api.crt, tls_key: certs/api.key, metrics_require_token: true }
                alerts: { retention_days: 30 }
                """);
        assertEquals(dir.resolve("certs/api.crt"), c.api().tlsCert());
        assertEquals(dir.resolve("certs/api.key"), c.api().tlsKey());
        assertTrue(c.api().metricsRequireToken());
        assertEquals(30, c.alerts().retentionDays());
        assertEquals(180, read("data_dir: x\n").alerts().retentionDays(), "default retention");
        ConfigException half = assertThrows(ConfigException.class, () -> read("api: { tls_cert: a.pem }\n"));
        assertTrue(half.getMessage().contains("tls_key"), half.getMessage());
        ConfigException flag = assertThrows(ConfigException.class, () -> read("api: { metrics_require_token: yes please }\n"));
        assertTrue(flag.getMessage().contains("true or false"), flag.getMessage());
        ConfigException days = assertThrows(ConfigException.class, () -> read("alerts: { retention_days: 0 }\n"));
        assertTrue(days.getMessage().contains("alerts.retention_days"), days.getMessage());
    }

    @Test
    void journalAndRelpKeysAreReadAndCheckedForType() throws Exception {
        DaemonConfig c = read("""
                journal:
                  enabled: false
                  flush_interval_ms: 10
                  max_bytes: 1073741824
                  max_age_hours: 24
                  direct_io: false
                relp:
                  port: 0
                """);
        assertEquals(false, c.journal().enabled());
        assertEquals(10, c.journal().flushIntervalMillis());
        assertEquals(1L << 30, c.journal().maxBytes());
        assertEquals(java.time.Duration.ofHours(24), c.journal().maxAge());
        assertEquals(false, c.journal().directIo());
        assertTrue(DaemonConfig.JournalConfig.defaults().directIo(), "direct I/O unless switched off");
        assertEquals(DaemonConfig.JournalConfig.defaults().segmentBytes(), c.journal().segmentBytes());
        assertEquals(0, c.relp().port());
        assertEquals("127.0.0.1", c.relp().bind());
        ConfigException e = assertThrows(ConfigException.class, () -> read("journal: { enabled: maybe }"));
        assertTrue(e.getMessage().contains("journal.enabled must be true or false"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> read("journal: { flush_ms: 5 }"));
        assertTrue(e.getMessage().contains("unknown key 'journal.flush_ms'"), e.getMessage());
    }
}
