package org.socd.cli.logtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.cli.SocMain;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs {@code soc logtest} through picocli as the launcher does, with its streams captured. */
class LogtestCommandTest {

    private static final String SSH = "<38>Nov 26 10:00:00 web01 sshd[4242]: Failed password for invalid user admin from 203.0.113.7 port 52113 ssh2";

    @TempDir
    Path tmp;

    private record Run(int code, List<JsonNode> lines, String err) {
    }

    private static Run run(byte[] stdin, String... args) {
        CommandLine cl = SocMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        LogtestCommand command = cl.getSubcommands().get("logtest").getCommand();
        command.stdin = new ByteArrayInputStream(stdin);
        String[] full = new String[args.length + 1];
        full[0] = "logtest";
        System.arraycopy(args, 0, full, 1, args.length);
        int code = cl.execute(full);
        List<JsonNode> lines = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return new Run(code, lines, err.toString());
    }

    @Test
    void sshFailureFromStdinIsDecodedAndMatchedByTheBundledRules() {
        Run r = run((SSH + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.lines().size());
        JsonNode event = r.lines().get(0).path("event");
        assertEquals("web01", event.path("hostname").asString());
        assertEquals("sshd", event.path("appname").asString());
        assertEquals("4242", event.path("procid").asString());
        assertEquals(4, event.path("facility").asInt());
        assertEquals(6, event.path("severity").asInt());
        assertEquals("admin", event.path("user").asString());
        assertEquals("203.0.113.7", event.path("src_ip").asString());
        assertEquals(52113, event.path("src_port").asInt());
        assertEquals("failure", event.path("outcome").asString());
        assertEquals("logtest", event.path("input").asString());
        assertTrue(event.path("timestamp").asString().endsWith("-11-26T10:00:00.000Z"), event.toString());
        List<String> titles = new ArrayList<>();
        for (JsonNode m : r.lines().get(0).path("matches")) {
            titles.add(m.path("rule_title").asString());
            assertFalse(m.path("rule_id").asString().isEmpty());
            assertFalse(m.path("level").asString().isEmpty());
        }
        assertTrue(titles.contains("SSH Password Authentication Failure"), titles.toString());
    }

    @Test
    void crlfNonUtf8AndALastLineWithoutNewline() {
        byte[] head = ("<13>Mar 12 12:00:08 host app: first\r\n<13>Mar 12 12:00:08 host app: caf").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(head);
        b.write(0xE9); // Latin-1, not UTF-8
        b.writeBytes("\n\n<13>Mar 12 12:00:08 host app: last".getBytes(StandardCharsets.US_ASCII));
        Run r = run(b.toByteArray());
        assertEquals(0, r.code(), r.err());
        assertEquals(4, r.lines().size(), "an empty line is an (empty) event too, as over TCP");
        assertEquals("first", r.lines().get(0).path("event").path("message").asString());
        assertEquals("<13>Mar 12 12:00:08 host app: first", r.lines().get(0).path("event").path("raw").asString());
        assertEquals("caf\uFFFD", r.lines().get(1).path("event").path("message").asString());
        assertEquals("last", r.lines().get(3).path("event").path("message").asString());
        assertEquals(0, r.lines().get(0).path("matches").size());
    }

    @Test
    void fileArgumentExtraRulesAndTimeZone() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("admin_from_outside.yml"), """
                title: Admin Login Attempt From Outside
                id: 0b8a3d54-5c55-4a57-9d2b-6f3f0b4b8a11
                logsource:
                    product: linux
                    service: sshd
                detection:
                    selection:
                        user: admin
                        src_ip|startswith: '203.0.113.'
                    condition: selection
                level: high
                """);
        Path input = tmp.resolve("lines.log");
        Files.writeString(input, SSH + "\n");
        Run r = run(new byte[0], "--rules", rules.toString(), "--time-zone", "Europe/Berlin", input.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode line = r.lines().get(0);
        assertTrue(line.path("event").path("timestamp").asString().endsWith("-11-26T09:00:00.000Z"), line.toString());
        boolean found = false;
        for (JsonNode m : line.path("matches")) {
            if (m.path("rule_id").asString().equals("0b8a3d54-5c55-4a57-9d2b-6f3f0b4b8a11")) {
                assertEquals("high", m.path("level").asString());
                assertEquals("Admin Login Attempt From Outside", m.path("rule_title").asString());
                found = true;
            }
        }
        assertTrue(found, line.toString());
    }

    @Test
    void aCorrelationRuleIsListedOnTheLineThatMakesItFire() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("correlation-rules"));
        Files.writeString(rules.resolve("spray.yml"), """
                title: sshd failure
                id: 6a0b7c1e-3f57-4e39-9d55-0c2b8f1e7a01
                name: sshd_failure
                level: low
                logsource: {product: linux, service: sshd}
                detection:
                    k:
                        - 'Failed password'
                    condition: k
                ---
                title: Password spray from one source
                id: 6a0b7c1e-3f57-4e39-9d55-0c2b8f1e7a02
                level: high
                correlation:
                    type: value_count
                    rules: [sshd_failure]
                    group-by: [src_ip]
                    timespan: 5m
                    condition: {field: user, gte: 3}
                """);
        StringBuilder lines = new StringBuilder();
        for (String user : List.of("admin", "oracle", "admin", "test")) {
            lines.append(SSH.replace("user admin", "user " + user)).append('\n');
        }
        Run r = run(lines.toString().getBytes(StandardCharsets.UTF_8), "--rules", rules.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(4, r.lines().size());
        for (int i = 0; i < 4; i++) {
            boolean fired = false;
            for (JsonNode m : r.lines().get(i).path("matches")) {
                if (m.path("rule_id").asString().equals("6a0b7c1e-3f57-4e39-9d55-0c2b8f1e7a02")) {
                    fired = true;
                    assertEquals("value_count", m.path("correlation").path("type").asString());
                    assertEquals("203.0.113.7", m.path("correlation").path("group").get(0).asString());
                    assertEquals(3.0, m.path("correlation").path("value").asDouble());
                }
            }
            assertEquals(i == 3, fired, "the third distinct user (line 4) fires: " + r.lines().get(i));
        }
    }

    @Test
    void longLinesAreCutAndSaidSo() {
        String line = "<13>Mar 12 12:00:08 host app: " + "x".repeat(100);
        Run r = run((line + "\nnext\n").getBytes(StandardCharsets.US_ASCII), "--max-line-bytes", "40");
        assertEquals(2, r.lines().size());
        assertEquals(line.substring(0, 40), r.lines().get(0).path("event").path("raw").asString());
        assertEquals("next", r.lines().get(1).path("event").path("raw").asString());
        assertTrue(r.err().contains("line 1 is longer than 40 bytes"), r.err());
    }

    @Test
    void missingFileAndBadRuleDirectoryAreReportedInWords() {
        Run r = run(new byte[0], "--rules", tmp.resolve("nope").toString(), tmp.resolve("missing.log").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("rule skipped: " + tmp.resolve("nope")), r.err());
        assertTrue(r.err().contains("no such file: " + tmp.resolve("missing.log").toAbsolutePath()), r.err());
    }
}
