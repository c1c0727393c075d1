package org.socd.correlator.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.correlator.alerts.Alert;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;
import org.socd.rules.compile.Placeholders;
import org.socd.rules.correlation.CorrelationLimits;
import org.socd.rules.correlation.Correlations;
import org.socd.rules.pack.LoadedRules;
import org.socd.rules.pack.RuleLoader;

/** The alert stage runs the correlation engine: suppression, correlation alerts, deterministic ids, reload. */
class CorrelationAlertsTest {

    private static final String RULES = """
            title: sshd failed password
            id: failed-id
            name: failed_login
            logsource: {product: linux, service: sshd}
            detection:
                selection:
                    message|contains: 'Failed password'
                condition: selection
            ---
            title: ssh brute force
            id: brute-id
            level: critical
            tags: [attack.t1110.001]
            correlation:
                type: event_count
                rules: [failed_login]
                group-by: [src_ip]
                timespan: 5m
                condition: {gte: 3}
            """;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T23:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private LoadedRules load(String text) throws IOException {
        Files.writeString(dir.resolve("brute.yml"), text);
        LoadedRules loaded = RuleLoader.loadPaths(List.of(dir), Placeholders.NONE);
        assertEquals(List.of(), loaded.errors());
        return loaded;
    }

    private static void feed(AlertStage stage, LoadedRules loaded, String ip, int second, long sequence) {
        String line = "appname=sshd;src_ip=" + ip + ";message=Failed password for root;timestamp=2026-11-26T23:00:"
                + String.format("%02d", second) + "Z";
        byte[] bytes = TestRecords.bytes(line);
        ReceiveMetadata meta = TestRecords.meta("syslog-tcp", 514, 1_000_000L * sequence);
        RecordSlot slot = new RecordSlot();
        slot.fill(bytes, 0, bytes.length, meta, sequence);
        Event event = TestRecords.decode(bytes, 0, bytes.length, meta);
        slot.event(event);
        slot.matches(loaded.engine().evaluate(event));
        stage.onEvent(slot, sequence, true);
    }

    @Test
    void configuredLimitsBoundWhatACorrelationAlertCarries() throws IOException {
        LoadedRules loaded = load(RULES);
        CollectingSink sink = new CollectingSink();
        AlertStage stage = new AlertStage(sink, new SimpleMeterRegistry(), clock, loaded::correlations,
                new CorrelationLimits(100, 1000, 2));
        for (int i = 0; i < 3; i++) {
            feed(stage, loaded, "198.51.100.7", i, i);
        }
        assertEquals(1, sink.alerts.size());
        assertEquals(2, ((List<?>) sink.alerts.get(0).event().get("events")).size(), "events_per_match 2");
    }

    @Test
    void referencedRulesFeedTheCorrelationAndOneAlertIsRaisedPerBurst() throws IOException {
        LoadedRules loaded = load(RULES);
        CollectingSink sink = new CollectingSink();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AlertStage stage = new AlertStage(sink, registry, clock, loaded::correlations, CorrelationLimits.DEFAULTS);
        for (int i = 0; i < 4; i++) {
            feed(stage, loaded, "198.51.100.7", i, i);
        }
        for (int i = 0; i < 3; i++) {
            feed(stage, loaded, "203.0.113." + i, 10 + i, 10 + i);
        }
        assertEquals(1, sink.alerts.size(), "3 from one address fire once; the 4th starts a new window; 3 addresses never");
        Alert alert = sink.alerts.get(0);
        assertEquals("brute-id", alert.ruleId());
        assertEquals("ssh brute force", alert.ruleTitle());
        assertEquals(org.socd.rules.Level.CRITICAL, alert.level());
        assertEquals(List.of("attack.t1110.001"), alert.tags());
        assertEquals("198.51.100.7", alert.srcIp());
        assertEquals(Instant.parse("2026-11-26T23:00:02Z"), alert.timestamp());
        assertEquals(3, ((List<?>) alert.event().get("events")).size());
        Map<?, ?> correlation = (Map<?, ?>) alert.event().get("correlation");
        assertEquals(Map.of("src_ip", "198.51.100.7"), correlation.get("group"));
        assertEquals("event_count", correlation.get("type"));
        assertTrue(alert.event().get("message").toString().contains("ssh brute force"), alert.event().toString());
        assertEquals(7.0, registry.get("socd.alerts.suppressed").counter().count(), "no standalone alert per failure");
        assertEquals(1.0, registry.get("socd.correlation.matches").counter().count());

        // A replay of the same records computes the same id: the store rewrites, not duplicates.
        CollectingSink replay = new CollectingSink();
        AlertStage again = new AlertStage(replay, new SimpleMeterRegistry(), clock, loaded::correlations, CorrelationLimits.DEFAULTS);
        for (int i = 0; i < 3; i++) {
            feed(again, loaded, "198.51.100.7", i, i);
        }
        assertEquals(alert.id(), replay.alerts.get(0).id());
        CollectingSink other = new CollectingSink();
        AlertStage different = new AlertStage(other, new SimpleMeterRegistry(), clock, loaded::correlations, CorrelationLimits.DEFAULTS);
        for (int i = 0; i < 3; i++) {
            feed(different, loaded, "198.51.100.7", i, 100 + i);
        }
        assertNotEquals(alert.id(), other.alerts.get(0).id(), "other records, other alert");
    }

    @Test
    void generateTrueKeepsStandaloneAlertsAndAReloadStartsWithEmptyWindows() throws IOException {
        LoadedRules silent = load(RULES);
        AtomicReference<Correlations> current = new AtomicReference<>(silent.correlations());
        CollectingSink sink = new CollectingSink();
        AlertStage stage = new AlertStage(sink, new SimpleMeterRegistry(), clock, current::get, CorrelationLimits.DEFAULTS);
        feed(stage, silent, "192.0.2.1", 0, 0);
        feed(stage, silent, "192.0.2.1", 1, 1);
        assertEquals(0, sink.alerts.size());

        LoadedRules loud = load(RULES + "generate: true\n");
        current.set(loud.correlations());
        feed(stage, loud, "192.0.2.1", 2, 2);
        assertEquals(List.of("failed-id"), sink.alerts.stream().map(Alert::ruleId).toList(),
                "generate: standalone alert; the reload dropped the two earlier failures, so no correlation yet");
        feed(stage, loud, "192.0.2.1", 3, 3);
        feed(stage, loud, "192.0.2.1", 4, 4);
        assertEquals(List.of("failed-id", "failed-id", "failed-id", "brute-id"), sink.alerts.stream().map(Alert::ruleId).toList());
    }
}
