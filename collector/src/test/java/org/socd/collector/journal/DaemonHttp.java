package org.socd.collector.journal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.socd.collector.daemon.Daemon;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP calls the journal ITs make against an in-process daemon, with the admin token the
 * daemon wrote to its data dir on first start (the API refuses requests without one).
 */
record DaemonHttp(String baseUrl, String token) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static DaemonHttp of(Daemon daemon, Path dataDir) {
        try {
            return new DaemonHttp(daemon.apiUrl(), Files.readString(dataDir.resolve("admin.token")).trim());
        } catch (IOException e) {
            throw new AssertionError("the daemon wrote no admin.token to " + dataDir, e);
        }
    }

    String get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError("GET " + path, e);
        }
    }

    JsonNode journal() {
        return JsonMapper.builder().build().readTree(get("/api/v1/journal"));
    }

    /** The value of the first /metrics sample whose line starts with {@code seriesPrefix}, or null. */
    String sample(String seriesPrefix) {
        for (String line : get("/metrics").split("\n")) {
            if (line.startsWith(seriesPrefix)) {
                return line.substring(line.lastIndexOf(' ') + 1).trim();
            }
        }
        return null;
    }

    /** Polls a condition; the bound is a failure, not a speed goal. */
    static void await(BooleanSupplier condition, String what, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
