package org.socd.cli.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.cli.SocMain;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code soc hunt}, {@code soc rules validate} and {@code soc rules test} run in-process over temp files. */
class HuntCommandTest {

    private static final String WHOAMI = """
            title: Whoami
            id: 11111111-1111-1111-1111-111111111111
            level: high
            tags: [attack.discovery]
            logsource: {category: process_creation, product: windows}
            detection:
                s:
                    Image|endswith: '\\\\whoami.exe'
                condition: s
            """;
    private static final String SSHD = """
            title: sshd failure
            id: 22222222-2222-2222-2222-222222222222
            level: low
            logsource: {product: linux, service: sshd}
            detection:
                k:
                    - 'Failed password'
                condition: k
            """;

    /** {@link #SSHD} named, and a correlation over it: three failures on one host within a minute. */
    private static final String BRUTE_FORCE_WITH_ITS_RULE = SSHD.replace("level: low", "level: low\nname: sshd_failure") + """
            ---
            title: sshd brute force
            id: 44444444-4444-4444-4444-444444444444
            level: high
            correlation:
                type: event_count
                rules: [sshd_failure]
                group-by: [hostname]
                timespan: 1m
                condition: {gte: 3}
            """;

    private static final String EVTX = """
            {
              "Event": {
                "System": {"EventID": 4688, "Channel": "Security", "Computer": "pc1",
                           "TimeCreated": {"#attributes": {"SystemTime": "2025-01-02T03:04:05Z"}}},
                "EventData": {"NewProcessName": "C:\\\\Windows\\\\System32\\\\whoami.exe"}
              }
            }
            {
              "Event": {
                "System": {"EventID": {"#text": 1, "#attributes": {}}, "Channel": "Microsoft-Windows-Sysmon/Operational"},
                "EventData": {"Image": "C:\\\\Windows\\\\System32\\\\WHOAMI.EXE"}
              }
            }
            """;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SocMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void huntWritesOneJsonLinePerMatchAndASummary(@TempDir Path dir) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("whoami.yml"), WHOAMI);
        Files.writeString(rules.resolve("sshd.yml"), SSHD);
        Path events = Files.createDirectories(dir.resolve("events"));
        Files.writeString(events.resolve("win.json"), EVTX);
        Files.writeString(events.resolve("auth.log"), "<38>Jan  2 03:04:05 host sshd[42]: Failed password for root from 10.0.0.1\n"
                + "<38>Jan  2 03:04:06 host sshd[42]: Accepted password for root\n");

        Run run = run("hunt", "--rules", rules.toString(), "--events", events.toString());

        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.out());
        JsonMapper json = new JsonMapper();
        JsonNode ssh = json.readTree(lines.get(0));
        assertEquals("22222222-2222-2222-2222-222222222222", ssh.get("rule_id").asString());
        assertEquals(events.resolve("auth.log") + ":1", ssh.get("source").asString());
        JsonNode first = json.readTree(lines.get(1));
        assertEquals("Whoami", first.get("rule_title").asString());
        assertEquals("high", first.get("level").asString());
        assertEquals("attack.discovery", first.get("tags").get(0).asString());
        assertEquals(events.resolve("win.json") + ":1", first.get("source").asString());
        assertEquals("2025-01-02T03:04:05Z", first.get("timestamp").asString());
        assertEquals("pc1", first.get("event").get("Computer").asString());
        assertEquals(events.resolve("win.json") + ":8", json.readTree(lines.get(2)).get("source").asString());
        assertTrue(run.err().contains("hunt: 4 events from 2 files"), run.err());
        assertTrue(run.err().contains("2  high"), run.err());

        Run high = run("hunt", "--rules", rules.toString(), "--events", events.toString(), "--min-level", "high", "--format", "table");
        assertEquals(3, high.out().lines().count(), high.out()); // header + 2 whoami matches
        assertTrue(high.out().contains("Whoami") && !high.out().contains("sshd failure"), high.out());
    }

    @Test
    void huntEvaluatesCorrelationsInFileOrderAndValidateCountsThem(@TempDir Path dir) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("brute.yml"), BRUTE_FORCE_WITH_ITS_RULE);
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            log.append("<38>Jan  2 03:04:0").append(i).append(" web1 sshd[42]: Failed password for root from 10.0.0.1 port 22 ssh2\n");
            log.append("<38>Jan  2 03:04:0").append(i).append(" web").append(2 + i)
                    .append(" sshd[42]: Failed password for root from 10.0.0.1 port 22 ssh2\n");
        }
        Path events = Files.writeString(dir.resolve("auth.log"), log.toString());

        Run run = run("hunt", "--rules", rules.toString(), "--events", events.toString());

        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(1, lines.size(), "one correlation match, no per-failure matches: " + run.out());
        JsonNode match = new JsonMapper().readTree(lines.get(0));
        assertEquals("44444444-4444-4444-4444-444444444444", match.get("rule_id").asString());
        assertEquals(events + ":5", match.get("source").asString(), "the third failure on web1 fires");
        assertEquals("web1", match.get("correlation").get("group").get("hostname").asString());
        assertEquals(3, match.get("events").size());
        assertEquals(events + ":1", match.get("events").get(0).get("source").asString());
        assertTrue(run.err().contains("1 matches of 1 rules"), run.err());

        Run validate = run("rules", "validate", rules.toString());
        assertEquals(0, validate.exit(), validate.out());
        assertTrue(validate.out().contains("1 rules valid, 1 correlations valid, 0 rejected"), validate.out());
        assertTrue(validate.out().contains("sshd brute force (event_count)"), validate.out());
    }

    @Test
    void ruleTestRunsACorrelationTogetherWithTheRulesItReferences(@TempDir Path dir) throws IOException {
        Path rule = Files.writeString(dir.resolve("brute.yml"), BRUTE_FORCE_WITH_ITS_RULE.replace("44444444-4444-4444-4444-444444444444", "55555555-5555-5555-5555-555555555555"));
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            log.append("<38>Jan  2 03:04:0").append(i).append(" web1 sshd[42]: Failed password for root from 10.0.0.1 port 22 ssh2\n");
        }
        Path events = Files.writeString(dir.resolve("auth.log"), log.toString());

        Run fires = run("rules", "test", rule.toString(), "--events", events.toString());

        assertEquals(0, fires.exit(), fires.out() + fires.err());
        assertTrue(fires.out().contains("correlation  " + events + ":3  sshd brute force  (group [web1], event_count 3 over 3 events"),
                fires.out());
        assertTrue(fires.out().contains("3 of 3 events match") && fires.out().contains("1 correlation matches"), fires.out());

        // Two failures are below the threshold: the base rule matches, the correlation does not.
        Files.writeString(events, log.substring(0, log.indexOf("\n", log.indexOf("\n") + 1) + 1));
        Run quiet = run("rules", "test", rule.toString(), "--events", events.toString());
        assertEquals(1, quiet.exit(), quiet.out());
        assertTrue(quiet.out().contains("2 of 2 events match") && quiet.out().contains("0 correlation matches"), quiet.out());
    }

    @Test
    void validateReportsErrorsAndExitsNonZero(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("good.yml"), WHOAMI);
        assertEquals(0, run("rules", "validate", dir.toString()).exit());
        Files.writeString(dir.resolve("bad.yml"), WHOAMI.replace("endswith", "endwith").replace("1111", "3333"));
        Run run = run("rules", "validate", dir.toString());
        assertEquals(1, run.exit());
        assertTrue(run.out().contains(dir.resolve("bad.yml") + ":8:9"), run.out());
        assertTrue(run.out().contains("unknown modifier 'endwith'"), run.out());
        assertTrue(run.out().contains("1 rules valid, 0 correlations valid, 1 rejected"), run.out());
    }

    @Test
    void testRunsOneRuleOverAFile(@TempDir Path dir) throws IOException {
        Path rule = Files.writeString(dir.resolve("whoami.yml"), WHOAMI);
        Path events = Files.writeString(dir.resolve("win.json"), EVTX);
        Run run = run("rules", "test", rule.toString(), "--events", events.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("2 of 2 events match"), run.out());
        Path other = Files.writeString(dir.resolve("other.json"), "{\"Channel\": \"Security\", \"EventID\": 4624}\n");
        assertEquals(1, run("rules", "test", rule.toString(), "--events", other.toString()).exit());
    }
}
