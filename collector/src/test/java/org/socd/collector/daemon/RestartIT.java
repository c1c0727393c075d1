package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts and their history across restarts: a graceful stop keeps everything; a SIGKILL of a
 * separate socd process leaves an index that opens cleanly and serves what was committed.
 */
class RestartIT {

    private static final String SSH = "<38>Nov 26 10:00:00 %s sshd[42]: Failed password for invalid user root from 192.0.2.%d port 22 ssh2\n";

    static void sendSsh(InetSocketAddress tcp, String hostPrefix, int n) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(tcp);
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < n; i++) {
                out.write(String.format(SSH, hostPrefix + i, i).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aGracefulRestartKeepsEveryAlertAndItsHistory(@TempDir Path dir) throws Exception {
        List<JsonNode> before;
        try (RunningDaemon d = new RunningDaemon(dir, 64 * 1024)) {
            sendSsh(d.daemon.syslogTcpAddress(), "grace-", 4);
            RunningDaemon.await("4 alerts", () -> d.alertCount("host:grace-*") == 4);
            JsonNode alerts = d.json("/api/v1/alerts?q=host:grace-*");
            String id = alerts.path("alerts").path(0).path("id").asString();
            assertEquals(200, d.send("POST", "/api/v1/alerts/" + id + "/ack", null, d.adminToken).statusCode());
            assertEquals(200, d.send("POST", "/api/v1/alerts/" + id + "/notes", "{\"text\":\"keep me\"}", d.adminToken).statusCode());
            assertEquals(200, d.send("POST", "/api/v1/alerts/" + id + "/close", "{\"resolution\":\"done\"}", d.adminToken).statusCode());
            before = d.json("/api/v1/alerts?q=host:grace-*").path("alerts").valueStream().toList();
        }
        try (RunningDaemon again = new RunningDaemon(dir, 64 * 1024)) {
            List<JsonNode> after = again.json("/api/v1/alerts?q=host:grace-*").path("alerts").valueStream().toList();
            assertEquals(before, after);
            assertEquals(1, again.alertCount("status:closed AND notes:keep"));
        }
    }

    @Test
    void afterSigkillTheIndexOpensAndServesWhatWasCommitted(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "org.socd.collector.SocdMain", "--data", dir.toString(), "--syslog-udp-port", "-1",
                "--syslog-tcp-port", "0", "--api-port", "0")
                .redirectError(dir.resolve("socd.err").toFile())
                .start();
        try {
            String apiUrl = awaitApiUrl(p);
            String token = Files.readString(dir.resolve("admin.token")).trim();
            RemoteApi api = new RemoteApi(apiUrl, token);
            String[] tcp = api.json("/api/v1/status").path("syslog_tcp").asString().split(":");
            sendSsh(new InetSocketAddress(tcp[0], Integer.parseInt(tcp[1])), "killed-", 5);
            RunningDaemon.await("5 alerts", () -> api.json("/api/v1/alerts?q=host:killed-*").path("total").asLong() == 5);
            String id = api.json("/api/v1/alerts?q=host:killed-0").path("alerts").path(0).path("id").asString();
            assertEquals(200, api.post("/api/v1/alerts/" + id + "/ack").statusCode());
            // Wait for a commit that must contain the ack. A commit newer than the generation on
            // disk after the ack is not enough: one may have been in flight, begun before the ack.
            // The commit after that one began after it ended, so after the ack: two rounds, each
            // changing another alert so that a newer commit comes at all (the store and the
            // journal checkpoint commit only when something changed).
            for (int round = 1; round <= 2; round++) {
                long generation = lastCommitGeneration(dir.resolve("alerts"));
                String other = api.json("/api/v1/alerts?q=host:killed-" + round).path("alerts").path(0)
                        .path("id").asString();
                assertEquals(200, api.post("/api/v1/alerts/" + other + "/ack").statusCode());
                RunningDaemon.await("a commit after generation " + generation,
                        () -> lastCommitGeneration(dir.resolve("alerts")) > generation);
            }
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "socd did not die");
        } finally {
            p.destroyForcibly();
        }
        try (RunningDaemon after = new RunningDaemon(dir, 64 * 1024)) {
            assertEquals(5, after.alertCount("host:killed-*"));
            JsonNode acked = after.json("/api/v1/alerts?q=host:killed-0").path("alerts").path(0);
            assertEquals("acknowledged", acked.path("status").asString());
            assertEquals("admin", acked.path("history").path(0).path("by").asString());
        }
    }

    private static long lastCommitGeneration(Path index) {
        try (Stream<Path> files = Files.list(index)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("segments_"))
                    .mapToLong(n -> Long.parseLong(n.substring("segments_".length()), Character.MAX_RADIX))
                    .max().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Reads socd's stdout until it says where the API is. */
    private static String awaitApiUrl(Process p) throws Exception {
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                for (String line; (line = out.readLine()) != null; ) {
                    int at = line.indexOf("API and metrics: ");
                    if (at >= 0) {
                        String rest = line.substring(at + "API and metrics: ".length());
                        // Keep draining so the child never blocks on a full pipe.
                        Thread drain = new Thread(() -> {
                            try {
                                while (out.readLine() != null) {
                                    // discard
                                }
                            } catch (IOException ignored) {
                                // the process died
                            }
                        });
                        drain.setDaemon(true);
                        drain.start();
                        return rest.substring(0, rest.indexOf(' '));
                    }
                }
                throw new IllegalStateException("socd exited before it served the API");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return url.get(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS);
    }

    /** The API of a socd in another process. */
    private record RemoteApi(String base, String token) {
        JsonNode json(String path) {
            var r = send("GET", path);
            assertEquals(200, r.statusCode(), r.body());
            return JsonMapper.builder().build().readTree(r.body());
        }

        java.net.http.HttpResponse<String> post(String path) {
            return send("POST", path);
        }

        private java.net.http.HttpResponse<String> send(String method, String path) {
            try {
                return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(base + path)).header("Authorization", "Bearer " + token)
                        .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new AssertionError(method + " " + path, e);
            }
        }
    }
}
