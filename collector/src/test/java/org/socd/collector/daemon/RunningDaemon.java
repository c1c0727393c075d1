package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
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
    /** The admin token the daemon wrote to its data dir on first start. */
    final String adminToken;
    private final HttpClient http = HttpClient.newHttpClient();

    RunningDaemon(Path dataDir, int maxMessageBytes) {
        this(dataDir, new DaemonConfig.SyslogConfig("127.0.0.1", 0, 0, maxMessageBytes), List.of());
    }

    /** A daemon with the given syslog settings and extra rule directories, everything on loopback. */
    RunningDaemon(Path dataDir, DaemonConfig.SyslogConfig syslog, List<Path> ruleDirs) {
        this(dataDir, syslog, ruleDirs, false);
    }

    /** The same, and whether /metrics needs a token. */
    RunningDaemon(Path dataDir, DaemonConfig.SyslogConfig syslog, List<Path> ruleDirs, boolean metricsRequireToken) {
        this(new DaemonConfig(dataDir, syslog,
                new DaemonConfig.ApiConfig("127.0.0.1", 0, null, null, metricsRequireToken), ruleDirs,
                DaemonConfig.defaults().pipeline(), DaemonConfig.defaults().timeZone()));
    }

    /** A daemon of exactly {@code config} (its API should be on a loopback port). */
    RunningDaemon(DaemonConfig config) {
        daemon = Daemon.start(config, Clock.systemUTC());
        try {
            adminToken = Files.readString(config.dataDir().resolve("admin.token")).trim();
        } catch (IOException e) {
            daemon.close();
            throw new AssertionError("the daemon wrote no admin.token to " + config.dataDir(), e);
        }
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

    /** GET with the admin token. */
    HttpResponse<String> get(String pathAndQuery) {
        return send("GET", pathAndQuery, null, adminToken);
    }

    /** Any method, with {@code token} (null sends no Authorization header) and an optional JSON body. */
    HttpResponse<String> send(String method, String pathAndQuery, String jsonBody, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(daemon.apiUrl() + pathAndQuery))
                    .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(jsonBody));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + pathAndQuery + " failed", e);
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
