package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.auth.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The alert API over real HTTP: search with paging, triage with history, stats, the live stream. */
class AlertApiIT {

    @TempDir
    static Path dir;
    static RunningDaemon d;
    static String analyst;

    @BeforeAll
    static void start() throws Exception {
        d = new RunningDaemon(dir, 64 * 1024);
        analyst = d.daemon.tokens().create("anna", Role.ANALYST);
        sendSsh("api-host-", 5);
        RunningDaemon.await("5 alerts", () -> d.alertCount("host:api-host-*") == 5);
    }

    @AfterAll
    static void stop() {
        d.close();
    }

    static void sendSsh(String hostPrefix, int n) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(d.daemon.syslogTcpAddress());
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < n; i++) {
                out.write(("<38>Nov 26 10:00:00 " + hostPrefix + i + " sshd[42]: Failed password for invalid user admin from 203.0.113."
                        + i + " port 52113 ssh2\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        }
    }

    private static JsonNode json(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        return JsonMapper.builder().build().readTree(r.body());
    }

    @Test
    void cursorPagingVisitsEveryAlertOnce() {
        Set<String> ids = new HashSet<>();
        String cursor = "";
        for (int page = 0; page < 10; page++) {
            JsonNode r = d.json("/api/v1/alerts?q=host:api-host-*&limit=2" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
            assertEquals(5, r.path("total").asLong());
            r.path("alerts").forEach(a -> ids.add(a.path("id").asString()));
            if (r.path("next_cursor").isNull()) {
                break;
            }
            cursor = r.path("next_cursor").asString();
        }
        assertEquals(5, ids.size());
        HttpResponse<String> bad = d.get("/api/v1/alerts?cursor=xyz");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("next_cursor"), bad.body());
    }

    @Test
    void triageIsRecordedWithWhoAndWhen() {
        String id = d.json("/api/v1/alerts?q=host:api-host-1").path("alerts").path(0).path("id").asString();
        String base = "/api/v1/alerts/" + id;
        json(d.send("POST", base + "/assign", "{\"assignee\":\"anna\"}", analyst), 200);
        JsonNode acked = json(d.send("POST", base + "/ack", null, analyst), 200);
        assertEquals("acknowledged", acked.path("status").asString());
        json(d.send("POST", base + "/notes", "{\"text\":\"known scanner\"}", analyst), 200);
        JsonNode closed = json(d.send("POST", base + "/close", "{\"resolution\":\"false positive\"}", analyst), 200);
        assertEquals("closed", closed.path("status").asString());
        assertEquals("false positive", closed.path("resolution").asString());
        assertEquals("anna", closed.path("assignee").asString());
        assertEquals("known scanner", closed.path("notes").path(0).path("text").asString());
        assertEquals("anna", closed.path("notes").path(0).path("author").asString());
        assertEquals(4, closed.path("history").size());
        assertEquals("closed", closed.path("history").path(3).path("action").asString());
        assertNotNull(closed.path("history").path(3).path("at").asString(null));
        JsonNode again = json(d.send("GET", base, null, analyst), 200);
        assertEquals(closed, again);
        // Conflicts and bad bodies say what is wrong.
        HttpResponse<String> twice = d.send("POST", base + "/close", "{\"resolution\":\"x\"}", analyst);
        assertEquals(409, twice.statusCode());
        assertTrue(twice.body().contains("already closed"), twice.body());
        HttpResponse<String> noText = d.send("POST", base + "/notes", "{}", analyst);
        assertEquals(400, noText.statusCode());
        assertTrue(noText.body().contains("\\\"text\\\""), noText.body());
        assertEquals(400, d.send("POST", base + "/notes", "not json", analyst).statusCode());
        assertEquals(1, d.alertCount("status:closed AND host:api-host-1"));
    }

    @Test
    void statsCountByRuleAndLevelWithAHistogram() {
        JsonNode byHost = d.json("/api/v1/alerts/stats?by=host&since=1h&q=host:api-host-*&interval=5m");
        assertEquals(5, byHost.path("total").asLong());
        assertEquals(5, byHost.path("groups").size());
        assertEquals(12, byHost.path("histogram").size());
        long sum = 0;
        for (JsonNode b : byHost.path("histogram")) {
            sum += b.path("count").asLong();
        }
        assertEquals(5, sum);
        JsonNode byRule = d.json("/api/v1/alerts/stats?by=rule&since=1h&q=host:api-host-*");
        assertEquals(5, byRule.path("groups").path(0).path("count").asLong());
        assertTrue(byRule.path("groups").path(0).path("label").asString().toLowerCase().contains("ssh"), byRule.toString());
        assertEquals(400, d.get("/api/v1/alerts/stats?by=colour").statusCode());
        HttpResponse<String> badQuery = d.get("/api/v1/alerts/stats?q=host:(x");
        assertEquals(400, badQuery.statusCode());
        assertTrue(badQuery.body().contains("column"), badQuery.body());
    }

    @Test
    void theStreamSendsNewAlertsAndChanges() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create(d.daemon.apiUrl() + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + analyst).build();
        HttpResponse<java.io.InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // the test ends by closing the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        RunningDaemon.await("a stream client", () -> d.json("/api/v1/status").path("stream_clients").asInt() > 0);
        sendSsh("stream-host-", 1);
        String data = awaitLine(lines, "data: ", "stream-host-0");
        String id = JsonMapper.builder().build().readTree(data.substring(6)).path("id").asString();
        json(d.send("POST", "/api/v1/alerts/" + id + "/ack", null, analyst), 200);
        String update = awaitLine(lines, "data: ", "\"acknowledged\"");
        assertTrue(update.contains(id), update);
        r.body().close();
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix, String needle) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix) && line.contains(needle)) {
                return line;
            }
        }
        throw new AssertionError("no stream line with " + needle + " within 20 s");
    }
}
