package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig;
import tools.jackson.databind.JsonNode;

/**
 * A Sigma correlation rule in a rule directory of an in-process daemon, fed real syslog over TCP:
 * five sshd password failures from one address within 5 minutes raise one brute-force alert
 * carrying the five events, five failures from five addresses raise none, and the bundled
 * per-failure rule, referenced without {@code generate: true}, raises no alerts of its own.
 */
class CorrelationIT {

    /** References the bundled "SSH Password Authentication Failure" rule by id. */
    private static final String BRUTE_FORCE = """
            title: SSH brute force from one address
            id: 5d4a7a44-9a43-4c1e-8f3e-6b0b1f5f0c11
            level: high
            tags: [attack.credential-access, attack.t1110.001]
            correlation:
                type: event_count
                rules:
                    - c8f21f63-5f5f-4300-85f4-32deb38b43c8
                group-by:
                    - src_ip
                timespan: 5m
                condition:
                    gte: 5
            """;

    private static final String SSH = "<38>Nov 26 10:00:0%d %s sshd[42]: Failed password for invalid user root from %s port 22 ssh2\n";

    @TempDir
    Path data;

    @TempDir
    Path rules;

    @Test
    void fiveFailuresFromOneAddressRaiseOneCorrelationAlertAndSpreadOnesNone() throws Exception {
        Files.writeString(rules.resolve("mr_ssh_brute_force.yml"), BRUTE_FORCE);
        try (RunningDaemon d = new RunningDaemon(data, new DaemonConfig.SyslogConfig("127.0.0.1", 0, 0, 64 * 1024),
                List.of(rules))) {
            assertEquals(1, d.json("/api/v1/status").path("correlations_loaded").asInt());
            InetSocketAddress tcp = d.daemon.syslogTcpAddress();
            try (Socket socket = new Socket()) {
                socket.connect(tcp);
                OutputStream out = socket.getOutputStream();
                for (int i = 0; i < 5; i++) {
                    out.write(String.format(SSH, i, "spread-" + i, "198.51.100." + (10 + i)).getBytes(StandardCharsets.UTF_8));
                }
                for (int i = 0; i < 5; i++) {
                    out.write(String.format(SSH, i, "brute-" + i, "203.0.113.66").getBytes(StandardCharsets.UTF_8));
                }
            }
            // Records are processed in order: once the correlation alert exists, every earlier one was handled.
            RunningDaemon.await("the correlation alert", () -> d.alertCount("rule_id:5d4a7a44-9a43-4c1e-8f3e-6b0b1f5f0c11") == 1);
            assertEquals(1, d.json("/api/v1/status").path("alerts").asLong(), "no alert for the spread failures, none per failure");
            JsonNode alert = d.json("/api/v1/alerts?q=rule_id:5d4a7a44-9a43-4c1e-8f3e-6b0b1f5f0c11").path("alerts").path(0);
            assertEquals("SSH brute force from one address", alert.path("rule_title").asString());
            assertEquals("high", alert.path("level").asString());
            assertEquals("203.0.113.66", alert.path("src_ip").asString());
            assertTrue(alert.path("techniques").toString().contains("T1110.001"), alert.toString());
            JsonNode events = alert.path("events");
            assertEquals(5, events.size(), alert.toString());
            for (JsonNode event : events) {
                assertEquals("203.0.113.66", event.path("src_ip").asString());
                assertTrue(event.path("hostname").asString().startsWith("brute-"), event.toString());
            }
            assertEquals(10.0, d.metric("socd_alerts_suppressed_total", ""));
            assertEquals(1.0, d.metric("socd_correlation_matches_total", ""));
            assertEquals(1, d.alertCount("message:\"SSH brute force\""), "the summary message is searchable");
        }
    }
    /**
     * Correlation windows live in memory; after a restart they are rebuilt from the journal
     * records before the checkpoint. Three failures before a graceful restart and two after it
     * are five within the timespan: one alert, carrying all five, and nothing raised twice.
     */
    @Test
    void aWindowOpenedBeforeARestartIsStillOpenAfterIt() throws Exception {
        Files.writeString(rules.resolve("mr_ssh_brute_force.yml"), BRUTE_FORCE);
        DaemonConfig.SyslogConfig syslog = new DaemonConfig.SyslogConfig("127.0.0.1", 0, 0, 64 * 1024);
        try (RunningDaemon d = new RunningDaemon(data, syslog, List.of(rules))) {
            send(d, 0, 3);
            RunningDaemon.await("three failures processed", () -> d.metric("socd_alerts_suppressed_total", "") == 3.0);
            assertEquals(0, d.json("/api/v1/status").path("alerts").asLong());
        }
        try (RunningDaemon d = new RunningDaemon(data, syslog, List.of(rules))) {
            send(d, 3, 2);
            RunningDaemon.await("the correlation alert", () -> d.alertCount("rule_id:5d4a7a44-9a43-4c1e-8f3e-6b0b1f5f0c11") == 1);
            JsonNode alert = d.json("/api/v1/alerts?q=rule_id:5d4a7a44-9a43-4c1e-8f3e-6b0b1f5f0c11").path("alerts").path(0);
            assertEquals(5, alert.path("events").size(), "the three failures before the restart count: " + alert);
            assertEquals(1, d.json("/api/v1/status").path("alerts").asLong(), "nothing else, nothing twice");
            assertEquals(2.0, d.metric("socd_alerts_suppressed_total", ""),
                    "the records read again to rebuild the window raise and suppress nothing");
        }
    }

    private static void send(RunningDaemon d, int first, int count) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(d.daemon.syslogTcpAddress());
            OutputStream out = socket.getOutputStream();
            for (int i = first; i < first + count; i++) {
                out.write(String.format(SSH, i, "brute-" + i, "203.0.113.66").getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
