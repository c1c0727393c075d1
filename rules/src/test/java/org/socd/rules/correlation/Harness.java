package org.socd.rules.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socd.protocol.event.Event;
import org.socd.rules.compile.Placeholders;
import org.socd.rules.pack.LoadedRules;
import org.socd.rules.pack.RuleLoader;

/** Loads rule text from a temp dir through the real loader and feeds events through the real engines. */
final class Harness {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** sshd failed password: the building block of the brute-force examples. */
    static final String FAILED = """
            title: sshd failed password
            id: 11111111-0000-0000-0000-000000000001
            name: failed_login
            logsource: {product: linux, service: sshd}
            detection:
                selection:
                    message|contains: 'Failed password'
                condition: selection
            """;
    static final String ACCEPTED = """
            title: sshd accepted password
            id: 11111111-0000-0000-0000-000000000002
            name: successful_login
            logsource: {product: linux, service: sshd}
            detection:
                selection:
                    message|contains: 'Accepted password'
                condition: selection
            """;

    final LoadedRules loaded;
    final CorrelationEngine engine;
    final CountingMetrics metrics = new CountingMetrics();
    private int sequence;

    Harness(Path dir, CorrelationLimits limits, String... files) throws IOException {
        for (int i = 0; i < files.length; i++) {
            Files.writeString(dir.resolve("rule" + i + ".yml"), files[i]);
        }
        this.loaded = RuleLoader.loadPaths(List.of(dir), Placeholders.NONE);
        this.engine = new CorrelationEngine(loaded.correlations(), limits, metrics);
    }

    Harness(Path dir, String... files) throws IOException {
        this(dir, CorrelationLimits.DEFAULTS, files);
    }

    Harness noErrors() {
        assertEquals(List.of(), loaded.errors());
        return this;
    }

    /** One sshd event at T0 + seconds. */
    static Event sshd(int seconds, String message, Map<String, Object> extra) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("timestamp", T0.plusSeconds(seconds).toString());
        fields.put("appname", "sshd");
        fields.put("message", message);
        fields.putAll(extra);
        return Event.of(fields);
    }

    static Event failed(int seconds, String ip) {
        return sshd(seconds, "Failed password for root from " + ip, Map.of("src_ip", ip, "user", "root"));
    }

    static Event accepted(int seconds, String ip) {
        return sshd(seconds, "Accepted password for root from " + ip, Map.of("src_ip", ip, "user", "root"));
    }

    /** Evaluates the rules, feeds the correlations, and returns the correlation matches. */
    List<CorrelationMatch> feed(Event event) {
        String id = "event-" + (sequence++);
        return engine.offer(loaded.engine().evaluate(event), event, id, T0);
    }

    /** Every match of a sequence of events. */
    List<CorrelationMatch> feedAll(Event... events) {
        List<CorrelationMatch> all = new ArrayList<>();
        for (Event event : events) {
            all.addAll(feed(event));
        }
        return all;
    }

    static final class CountingMetrics implements CorrelationMetrics {
        int evicted;
        int dropped;
        int late;
        int unreadable;

        @Override
        public void groupEvicted(Correlation correlation) {
            evicted++;
        }

        @Override
        public void entriesDropped(Correlation correlation, int entries) {
            dropped += entries;
        }

        @Override
        public void lateEvent(Correlation correlation) {
            late++;
        }

        @Override
        public void valueUnreadable(Correlation correlation) {
            unreadable++;
        }
    }
}
