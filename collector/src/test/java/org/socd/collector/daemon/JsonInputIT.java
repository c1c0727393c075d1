package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig;
import tools.jackson.databind.JsonNode;

/**
 * Windows events as evtx_dump JSON lines over a real TCP socket into an in-process daemon: the
 * bundled Windows rules fire, and the alerts carry the event's host, user, source address and
 * time. Garbage on the same connection is kept as parse failures and does not end it.
 */
class JsonInputIT {

    @TempDir
    Path data;

    @Test
    void windowsEventsOverJsonTcpBecomeAlertsWithTheirHostUserAddressAndTime() throws Exception {
        List<String> windows = windowsEvents();
        String flat = "{\"@timestamp\":\"2026-11-20T10:05:00.250+01:00\",\"Channel\":\"Security\",\"EventID\":4720,"
                + "\"Computer\":\"flat-host.corp.example.org\",\"TargetUserName\":\"flat-user\","
                + "\"event\":{\"source\":\"nxlog\"}}";
        DaemonConfig d = DaemonConfig.defaults();
        DaemonConfig config = new DaemonConfig(data, new DaemonConfig.SyslogConfig("127.0.0.1", -1, -1, 64 * 1024),
                new DaemonConfig.ApiConfig("127.0.0.1", 0), List.of(), d.pipeline(), d.timeZone(),
                d.alerts(), d.journal(), DaemonConfig.RelpConfig.OFF, new DaemonConfig.JsonConfig("127.0.0.1", 0));
        try (RunningDaemon daemon = new RunningDaemon(config)) {
            InetSocketAddress port = daemon.daemon.jsonTcpAddress();
            assertNotNull(port, "the JSON input is on");
            try (Socket socket = new Socket(port.getAddress(), port.getPort())) {
                OutputStream out = socket.getOutputStream();
                // Binary garbage, a line that is not JSON, a JSON array, a truncated object: each a
                // parse failure on its own, and the events after them still arrive on this connection.
                out.write(new byte[] {(byte) 0xff, (byte) 0xfe, 0x01, '{', '{', (byte) 0x80, '\n'});
                write(out, "this is not json at all");
                write(out, "[1, 2, 3]");
                write(out, "{\"Event\": {\"System\": {\"EventID\": 4625");
                for (String event : windows) {
                    write(out, event);
                }
                write(out, flat);
                out.flush();
                RunningDaemon.await("alerts from all four events",
                        () -> daemon.alertCount("rule_title:windows") == 4);
                assertConnectionStillOpen(socket);
            }

            JsonNode failed = onlyAlert(daemon, "rule_title:\"Windows Failed Logon\" AND host:WS-0142*");
            assertEquals("WS-0142.corp.example.org", failed.path("host").asString());
            assertEquals("administrator", failed.path("user").asString());
            assertEquals("198.51.100.23", failed.path("src_ip").asString());
            assertEquals("2026-11-20T09:14:03.517224Z", failed.path("timestamp").asString());
            JsonNode event = failed.path("events").path(0);
            assertEquals("json-tcp", event.path("input").asString());
            assertEquals("127.0.0.1", event.path("source_ip").asString());
            assertEquals(windows.get(0), event.path("raw").asString(), "the line as received");
            assertEquals("Microsoft-Windows-Security-Auditing", event.path("Provider_Name").asString());
            assertTrue(event.path("received").asString().startsWith("20"), event.toString());
            assertTrue(event.path("parse_error").isMissingNode(), event.toString());

            JsonNode created = onlyAlert(daemon, "rule_title:\"Windows Local User Account Created\" AND host:WS-0142*");
            assertEquals("svc-backup2", created.path("user").asString());
            assertTrue(created.path("src_ip").isNull(), "4720 has no source address");
            assertEquals("2026-11-20T09:21:47.002931Z", created.path("timestamp").asString());

            JsonNode cleared = onlyAlert(daemon, "rule_title:\"Windows Security Audit Log Cleared\"");
            assertEquals("DC01.corp.example.org", cleared.path("host").asString());
            assertEquals("mallory", cleared.path("user").asString());
            assertEquals("high", cleared.path("level").asString());
            assertEquals("2026-11-20T09:30:12.480115Z", cleared.path("timestamp").asString());

            JsonNode flatAlert = onlyAlert(daemon, "host:flat-host*");
            assertEquals("flat-user", flatAlert.path("user").asString());
            assertEquals("2026-11-20T09:05:00.250Z", flatAlert.path("timestamp").asString(), "@timestamp, in UTC");
            assertEquals("nxlog", flatAlert.path("events").path(0).path("event").path("source").asString(),
                    "nested JSON stays nested");

            assertEquals(8.0, daemon.metric("socd_messages_received_total", "json-tcp"));
            assertEquals(8.0, daemon.metric("socd_events_decoded_total", "json-tcp"));
            assertEquals(4.0, daemon.metric("socd_parse_failures_total", "json-tcp"),
                    "garbage, not JSON, an array and a truncated object are each one parse failure");
            JsonNode status = daemon.json("/api/v1/status");
            assertEquals("127.0.0.1:" + port.getPort(), status.path("json_tcp").asString());
            assertNull(daemon.daemon.syslogTcpAddress());
        }
    }

    private static JsonNode onlyAlert(RunningDaemon daemon, String query) {
        JsonNode alerts = daemon.json("/api/v1/alerts?limit=10&q="
                + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8)).path("alerts");
        assertEquals(1, alerts.size(), query + " -> " + alerts);
        return alerts.path(0);
    }

    /** A closed connection reads -1 at once; an open one times out waiting for data. */
    private static void assertConnectionStillOpen(Socket socket) throws IOException {
        socket.setSoTimeout(200);
        InputStream in = socket.getInputStream();
        try {
            int b = in.read();
            throw new AssertionError("the daemon closed (or wrote to) the connection after garbage: read " + b);
        } catch (java.net.SocketTimeoutException stillOpen) {
            // expected: the daemon never writes on this input and kept the connection
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> windowsEvents() throws IOException {
        try (InputStream in = JsonInputIT.class.getResourceAsStream("/org/socd/collector/json/windows-security.jsonl")) {
            assertNotNull(in, "test resource windows-security.jsonl");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
