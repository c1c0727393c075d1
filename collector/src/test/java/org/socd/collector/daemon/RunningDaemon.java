package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.socd.collector.config.DaemonConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A daemon on free loopback ports in a temp dir, with the HTTP calls tests make against it. */
final class RunningDaemon implements AutoCloseable {

    final Daemon daemon;
    private final HttpClient http = HttpClient.newHttpClient();

    RunningDaemon(Path dataDir, int maxMessageBytes) {
        this(dataDir, new DaemonConfig.SyslogConfig("127.0.0.1", 0, 0, maxMessageBytes), List.of());
    }

    /** A daemon with the given syslog settings and extra rule directories, everything on loopback. */
    RunningDaemon(Path dataDir, DaemonConfig.SyslogConfig syslog, List<Path> ruleDirs) {
        DaemonConfig d = DaemonConfig.defaults();
        daemon = Daemon.start(new DaemonConfig(dataDir, syslog, new DaemonConfig.ApiConfig("127.0.0.1", 0), ruleDirs,
                d.pipeline(), d.timeZone()), Clock.systemUTC());
    }

    /** The first event of every alert matching {@code query} (at most 1000). */
    List<JsonNode> events(String query) {
        JsonNode r = json("/api/v1/alerts?limit=1000&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode a : r.path("alerts")) {
            out.add(a.path("events").path(0));
        }
        return out;
    }

    HttpResponse<String> get(String pathAndQuery) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(daemon.apiUrl() + pathAndQuery)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + pathAndQuery + " failed", e);
        }
    }

    JsonNode json(String pathAndQuery) {
        HttpResponse<String> r = get(pathAndQuery);
        assertEquals(200, r.statusCode(), r.body());
        return JsonMapper.builder().build().readTree(r.body());
    }

    long alertCount(String query) {
        return json("/api/v1/alerts?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).path("total").asLong();
    }

    /** The value of one Prometheus sample, e.g. {@code socd_messages_received_total{input="syslog-tcp",}}. */
    double metric(String name, String labelFragment) {
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labelFragment) || line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** Waits for a condition with a generous bound; the bound is a failure, not a speed goal. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        daemon.close();
    }
}
