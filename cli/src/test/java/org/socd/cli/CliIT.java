package org.socd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig;
import org.socd.collector.daemon.Daemon;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every soc command against a daemon started in-process, the way an analyst types them. */
class CliIT {

    @TempDir
    static Path workDir;
    static Daemon daemon;

    /** What one run of soc printed and returned. */
    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        DaemonConfig d = DaemonConfig.defaults();
        daemon = Daemon.start(new DaemonConfig(workDir.resolve("data"),
                new DaemonConfig.SyslogConfig("127.0.0.1", -1, 0, d.syslog().maxMessageBytes()),
                new DaemonConfig.ApiConfig("127.0.0.1", 0), List.of(), d.pipeline(), d.timeZone()), Clock.systemUTC());
        send("cli-host-", 3);
        await(() -> run(Map.of(), "alerts", "search", "host:cli-host-*", "--format", "csv").out().lines().count() == 4);
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static void send(String hostPrefix, int n) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(daemon.syslogTcpAddress());
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < n; i++) {
                out.write(("<38>Nov 26 10:00:00 " + hostPrefix + i + " sshd[42]: Failed password for invalid user root from 198.51.100."
                        + i + " port 4242 ssh2\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SocMain.commandLine(env, workDir, workDir.resolve("config.yml"));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 2];
        full[0] = "--server";
        full[1] = daemon.apiUrl();
        System.arraycopy(args, 0, full, 2, args.length);
        int code = cl.execute(full);
        return new Run(code, out.toString(), err.toString());
    }

    static Run ok(String... args) {
        Run r = run(Map.of(), args);
        assertEquals(0, r.code(), "soc " + String.join(" ", args) + ": " + r.err());
        return r;
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(50);
        }
    }

    static String firstId(String query) {
        String line = ok("alerts", "search", query, "--format", "json", "--limit", "1").out().lines().findFirst().orElseThrow();
        return JsonMapper.builder().build().readTree(line).path("id").asString();
    }

    @Test
    void searchPrintsATableWithRelativeTimesAndNoColourWhenPiped() {
        Run r = ok("alerts", "search", "host:cli-host-*");
        assertTrue(r.out().startsWith("DETECTED"), r.out());
        assertTrue(r.out().contains("s ago") || r.out().contains("m ago"), r.out());
        assertTrue(r.out().contains("cli-host-2"), r.out());
        assertTrue(r.out().contains("3 alerts"), r.out());
        assertFalse(r.out().contains("\u001b["), "no escape codes when stdout is not a terminal");
    }

    @Test
    void searchPagesWithTheCursorItPrints() {
        Run first = ok("alerts", "search", "host:cli-host-*", "--limit", "2");
        assertTrue(first.out().contains("2 of 3 alerts"), first.out());
        String cursor = first.out().lines().filter(l -> l.startsWith("next page: add --cursor "))
                .findFirst().orElseThrow().substring("next page: add --cursor ".length());
        Run second = ok("alerts", "search", "host:cli-host-*", "--limit", "2", "--cursor", cursor, "--format", "csv");
        assertEquals(2, second.out().lines().count(), second.out()); // header + the third alert
    }

    @Test
    void csvHasAHeaderAndOneRowPerAlert() {
        Run r = ok("alerts", "search", "host:cli-host-*", "--format", "csv");
        List<String> lines = r.out().lines().toList();
        assertEquals("id,detected_at,timestamp,level,status,rule_id,rule_title,host,user,src_ip,dst_ip,assignee,tactics,techniques",
                lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(r.out().contains("\r\n"));
    }

    @Test
    void triageFromTheCommandLine() {
        String id = firstId("host:cli-host-0");
        assertTrue(ok("alerts", "assign", id, "alice").out().contains("assigned (alice)"));
        assertTrue(ok("alerts", "ack", id).out().contains("status acknowledged"));
        ok("alerts", "note", id, "checked", "the", "firewall");
        Run closed = ok("alerts", "close", id, "--resolution", "false positive: scanner");
        assertTrue(closed.out().contains("status closed"), closed.out());
        Run show = ok("alerts", "show", id);
        assertTrue(show.out().contains("closed: false positive: scanner"), show.out());
        assertTrue(show.out().contains("admin: checked the firewall"), show.out());
        assertTrue(show.out().contains("admin closed: false positive: scanner"), show.out());
        assertTrue(show.out().contains("\"appname\""), show.out());
        JsonNode json = JsonMapper.builder().build().readTree(ok("alerts", "show", id, "--format", "json").out());
        assertEquals(4, json.path("history").size());
        Run again = run(Map.of(), "alerts", "ack", id);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("409") && again.err().contains("closed"), again.err());
    }

    @Test
    void statsDrawBars() {
        Run r = ok("alerts", "stats", "--by", "host", "--since", "1h", "host:cli-host-*");
        assertTrue(r.out().contains("alerts by host"), r.out());
        assertTrue(r.out().contains("cli-host-1") && r.out().contains("█"), r.out());
        assertTrue(r.out().contains("over time"), r.out());
        Run csv = ok("alerts", "stats", "--by", "level", "--format", "csv");
        assertTrue(csv.out().startsWith("level,label,count"), csv.out());
        Run bad = run(Map.of(), "alerts", "stats", "--by", "colour");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("rule, host, level or tactic"), bad.err());
    }

    @Test
    void tailPrintsAlertsAsTheyArrive() throws Exception {
        AtomicReference<Run> result = new AtomicReference<>();
        Thread tail = new Thread(() -> result.set(run(Map.of(), "alerts", "tail", "--max", "1", "--format", "json")));
        tail.start();
        await(() -> JsonMapper.builder().build().readTree(ok("status", "--format", "json").out()).path("stream_clients").asInt() > 0);
        send("tail-host-", 1);
        tail.join(Duration.ofSeconds(20).toMillis());
        assertFalse(tail.isAlive(), "tail did not stop after --max 1");
        assertEquals(0, result.get().code(), result.get().err());
        assertTrue(result.get().out().contains("tail-host-0"), result.get().out());
    }

    @Test
    void statusSaysWhoIAm() {
        Run r = ok("status");
        assertTrue(r.out().contains("admin (admin)"), r.out());
        assertTrue(r.out().contains("rules loaded"), r.out());
    }

    @Test
    void tokensAreMadeByAdminsAndRolesAreEnforced() {
        Run made = ok("tokens", "create", "--name", "vic", "--role", "viewer");
        String viewer = made.out().trim();
        assertTrue(viewer.startsWith("socd_"), made.out());
        assertTrue(ok("tokens", "list").out().contains("vic"));
        Run asViewer = run(Map.of("SOC_TOKEN", viewer), "status");
        assertTrue(asViewer.out().contains("vic (viewer)"), asViewer.out());
        String id = firstId("host:cli-host-2");
        Run refused = run(Map.of("SOC_TOKEN", viewer), "alerts", "ack", id);
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("403") && refused.err().contains("analyst role"), refused.err());
        assertTrue(ok("tokens", "revoke", "vic").out().contains("revoked"));
    }

    @Test
    void tokenPrecedenceFlagThenEnvThenConfigFileThenDataDir() throws Exception {
        // A bad SOC_TOKEN wins over ./data/admin.token, and the error says where it came from.
        Run env = run(Map.of("SOC_TOKEN", "socd_wrong"), "status");
        assertEquals(1, env.code());
        assertTrue(env.err().contains("401") && env.err().contains("SOC_TOKEN"), env.err());
        // --token wins over SOC_TOKEN.
        String admin = Files.readString(workDir.resolve("data/admin.token")).trim();
        assertEquals(0, run(Map.of("SOC_TOKEN", "socd_wrong"), "--token", admin, "status").code());
        // The config file is used when neither is given.
        Path config = workDir.resolve("config.yml");
        Files.writeString(config, "token: socd_from_config\n");
        try {
            Run fromConfig = run(Map.of(), "status");
            assertTrue(fromConfig.err().contains(config.toString()), fromConfig.err());
        } finally {
            Files.delete(config);
        }
    }

    @Test
    void completionIsABashScript() {
        StringWriter out = new StringWriter();
        CommandLine cl = SocMain.commandLine(Map.of(), workDir, workDir.resolve("config.yml"));
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("completion"));
        assertTrue(out.toString().contains("complete -F"), out.toString().substring(0, 200));
        assertTrue(out.toString().contains("tail"), "subcommands are completed");
    }
}
