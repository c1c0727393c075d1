package org.socd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig;
import org.socd.collector.daemon.Daemon;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole path, as a user would drive it: syslog over real TCP and UDP sockets into a daemon
 * started in-process on free ports, the alert found through the HTTP API and through the
 * {@code soc} command line's own code path.
 */
class EndToEndIT {

    @TempDir
    static Path dataDir;

    static Daemon daemon;

    @BeforeAll
    static void start() {
        DaemonConfig d = DaemonConfig.defaults();
        DaemonConfig config = new DaemonConfig(dataDir,
                new DaemonConfig.SyslogConfig("127.0.0.1", 0, 0, d.syslog().maxMessageBytes()),
                new DaemonConfig.ApiConfig("127.0.0.1", 0), List.of(), d.pipeline(), d.timeZone());
        daemon = Daemon.start(config, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static String sshFailure(String host) {
        return "<38>Nov 26 10:00:00 " + host + " sshd[4242]: Failed password for invalid user admin from 203.0.113.7 port 52113 ssh2";
    }

    @Test
    void lineOverTcpBecomesAnAlertFoundByApiAndCli() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(daemon.syslogTcpAddress());
            OutputStream out = s.getOutputStream();
            out.write((sshFailure("e2e-tcp-host") + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        JsonNode alert = awaitAlert("host:e2e-tcp-host");
        assertEquals("e2e-tcp-host", alert.path("host").asString());
        // The sshd decoder's fields reach the alert: the attacker, not the syslog sender.
        assertEquals("admin", alert.path("user").asString(), alert.toString());
        assertEquals("203.0.113.7", alert.path("src_ip").asString(), alert.toString());
        assertTrue(alert.path("rule_title").asString().toLowerCase().contains("ssh"), alert.toString());
        assertEquals("new", alert.path("status").asString());
        assertEquals("syslog-tcp", alert.path("events").path(0).path("input").asString());

        // The CLI, JSON format: the same alert.
        String json = runCli("alerts", "search", "host:e2e-tcp-host", "--since", "1h", "--format", "json");
        JsonNode viaCli = JsonMapper.builder().build().readTree(json);
        assertEquals(alert.path("id").asString(), viaCli.path("alerts").path(0).path("id").asString());

        // The CLI, table format: a row with the host and the level.
        String table = runCli("alerts", "search", "host:e2e-tcp-host");
        assertTrue(table.contains("e2e-tcp-host"), table);
        assertTrue(table.contains(alert.path("level").asString()), table);
    }

    @Test
    void lineOverUdpBecomesAnAlert() throws Exception {
        byte[] payload = sshFailure("e2e-udp-host").getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket s = new DatagramSocket()) {
            InetSocketAddress target = daemon.syslogUdpAddress();
            // UDP may lose a datagram even on loopback under load; resend until the alert shows up.
            BooleanSupplier found = () -> total("host:e2e-udp-host") > 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!found.getAsBoolean() && System.nanoTime() < deadline) {
                s.send(new DatagramPacket(payload, payload.length, target));
                Thread.sleep(200);
            }
        }
        JsonNode alert = awaitAlert("host:e2e-udp-host");
        assertEquals("syslog-udp", alert.path("events").path(0).path("input").asString());
    }

    @Test
    void cliReportsAnUnreachableServerInWords() {
        StringWriter err = new StringWriter();
        CommandLine cl = SocMain.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int code = cl.execute("--server", "http://127.0.0.1:1", "alerts", "search");
        assertNotEquals(0, code);
        assertTrue(err.toString().contains("cannot reach socd at http://127.0.0.1:1"), err.toString());
        assertTrue(err.toString().contains("is it running?"), err.toString());
    }

    @Test
    void cliShowsTheApiErrorForABadQuery() {
        StringWriter err = new StringWriter();
        CommandLine cl = SocMain.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int code = cl.execute("--server", daemon.apiUrl(), "alerts", "search", "level:(high");
        assertNotEquals(0, code);
        assertTrue(err.toString().contains("bad query"), err.toString());
    }

    private static String runCli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SocMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 2];
        full[0] = "--server";
        full[1] = daemon.apiUrl();
        System.arraycopy(args, 0, full, 2, args.length);
        int code = cl.execute(full);
        assertEquals(0, code, "soc " + String.join(" ", args) + " failed: " + err);
        return out.toString();
    }

    private static JsonNode search(String query) {
        try {
            String url = daemon.apiUrl() + "/api/v1/alerts?q=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return JsonMapper.builder().build().readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long total(String query) {
        return search(query).path("total").asLong();
    }

    /** Polls the API until the query finds an alert; gives up after a generous bound. */
    private static JsonNode awaitAlert(String query) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode r = search(query);
            if (r.path("total").asLong() > 0) {
                return r.path("alerts").path(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no alert for '" + query + "' within 20 s");
    }
}
