package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP surface of the skeleton: health, metrics, and errors a person can act on. */
class ApiIT {

    @TempDir
    static Path dir;
    static RunningDaemon d;

    @BeforeAll
    static void start() {
        d = new RunningDaemon(dir, 64 * 1024);
    }

    @AfterAll
    static void stop() {
        d.close();
    }

    @Test
    void healthSaysUpAndCountsRules() {
        var health = d.json("/health");
        assertEquals("up", health.path("status").asString());
        assertTrue(health.path("rules_loaded").asInt() >= 10, health.toString());
        assertEquals(0, health.path("rules_rejected").asInt(), "the bundled pack compiles cleanly");
    }

    @Test
    void metricsAreInPrometheusTextFormat() {
        HttpResponse<String> r = d.get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
        String body = r.body();
        for (String name : new String[] {"socd_messages_received_total", "socd_parse_failures_total",
                "socd_ring_remaining_capacity", "jvm_memory_used_bytes", "socd_messages_dropped_total"}) {
            assertTrue(body.contains(name), "missing " + name);
        }
    }

    @Test
    void unknownPathIs404InJson() {
        HttpResponse<String> r = d.get("/api/v1/nothing");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("\"error\""), r.body());
    }

    @Test
    void badParametersAre400WithTheReason() {
        HttpResponse<String> since = d.get("/api/v1/alerts?since=yesterday");
        assertEquals(400, since.statusCode());
        assertTrue(since.body().contains("24h"), since.body());
        HttpResponse<String> limit = d.get("/api/v1/alerts?limit=0");
        assertEquals(400, limit.statusCode());
        HttpResponse<String> query = d.get("/api/v1/alerts?q=level:%28high");
        assertEquals(400, query.statusCode());
        assertTrue(query.body().contains("bad query"), query.body());
    }

    @Test
    void unknownAlertIs404() {
        assertEquals(404, d.get("/api/v1/alerts/doesnotexist").statusCode());
    }
}
