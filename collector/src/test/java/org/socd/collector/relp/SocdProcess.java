package org.socd.collector.relp;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * socd as its own JVM from the test's class path, so a test can SIGKILL it
 * ({@link Process#destroyForcibly()}) and start it again on the same data directory.
 */
final class SocdProcess implements AutoCloseable {

    private final Process process;
    private final int apiPort;
    private final Path log;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();

    private SocdProcess(Process process, int apiPort, Path log, Path dataDir) {
        this.process = process;
        this.dataDir = dataDir;
        this.apiPort = apiPort;
        this.log = log;
    }

    static SocdProcess start(Path dataDir, Path log, List<String> extraArgs) throws IOException {
        int apiPort = freePort();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", classPath, "org.socd.collector.SocdMain",
                "--data", dataDir.toString(), "--api-port", Integer.toString(apiPort),
                "--syslog-udp-port", "-1", "--syslog-tcp-port", "-1"));
        cmd.addAll(extraArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        SocdProcess s = new SocdProcess(p, apiPort, log, dataDir);
        s.awaitUp();
        return s;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitUp() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("socd exited with " + process.exitValue() + "; its log:\n" + logTail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(100);
        }
        throw new AssertionError("socd did not come up; its log:\n" + logTail());
    }

    JsonNode get(String path) {
        try {
            // The daemon wrote its admin token on first start; read it each time, it is tiny.
            String token = Files.readString(dataDir.resolve("admin.token")).trim();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + " -> " + r.statusCode() + " " + r.body());
            }
            return JsonMapper.builder().build().readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e + "; socd log:\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no final checkpoint. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the orderly shutdown. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
