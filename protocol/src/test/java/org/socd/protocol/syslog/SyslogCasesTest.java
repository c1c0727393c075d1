package org.socd.protocol.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs every case of the shared real-world corpus ({@code shared/syslog-cases-dev}, from
 * netty-codec-syslog) and compares the header fields it expects. All mismatches are collected and
 * reported together so one run shows the whole picture.
 */
class SyslogCasesTest {

    private static final Path CASES = Path.of("..", "..", "shared", "syslog-cases-dev", "cases.jsonl");

    /** The corpus reads year-less stamps as 2018; a clock late in 2018 makes the parser agree. */
    private static final SyslogParser PARSER = new SyslogParser(ZoneOffset.UTC,
            Clock.fixed(Instant.parse("2018-12-01T00:00:00Z"), ZoneOffset.UTC));

    private static final ReceiveMetadata META = new ReceiveMetadata("syslog-udp", "127.0.0.1", 514,
            Instant.parse("2018-12-01T00:00:00Z").getEpochSecond() * 1_000_000_000L);

    @Test
    void everyCaseOfTheSharedCorpusParsesAsExpected() throws IOException {
        assumeTrue(Files.isDirectory(CASES.getParent()), "shared corpus not present at " + CASES.toAbsolutePath());
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(CASES, StandardCharsets.UTF_8);
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            cases++;
            JsonNode c = json.readTree(line);
            String name = c.get("name").asString();
            byte[] input = c.get("input").asString().getBytes(StandardCharsets.UTF_8);
            JsonNode expected = c.get("expected");
            Event e = PARSER.parse(input, 0, input.length, META);
            check(failures, name, "host", text(expected, "host"), e.get(Event.HOSTNAME));
            String tag = text(expected, "tag") != null ? text(expected, "tag") : text(expected, "appName");
            check(failures, name, "tag/appName", tag, e.get(Event.APPNAME));
            check(failures, name, "processId", text(expected, "processId"), e.get(Event.PROCID));
            check(failures, name, "message", text(expected, "message"), e.get(Event.MESSAGE));
            if (expected.has("level")) {
                check(failures, name, "level", expected.get("level").asInt(), e.get(Event.SEVERITY));
            }
            if (expected.has("facility")) {
                check(failures, name, "facility", expected.get("facility").asInt(), e.get(Event.FACILITY));
            }
            // The corpus writes UTC instants without a zone: compare instants, not spellings.
            Instant expectedDate = LocalDateTime.parse(text(expected, "date")).toInstant(ZoneOffset.UTC);
            check(failures, name, "date", expectedDate, Instant.parse(e.getString(Event.TIMESTAMP)));
        }
        System.out.printf("syslog-cases-dev: %d of %d cases pass%n", cases - countCases(failures), cases);
        assertTrue(cases > 0, "no cases in " + CASES);
        assertEquals(List.of(), failures, "cases that do not parse as expected");
    }

    private static long countCases(List<String> failures) {
        return failures.stream().map(f -> f.substring(0, f.indexOf(':'))).distinct().count();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static void check(List<String> failures, String name, String field, Object expected, Object actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            failures.add(name + ": " + field + " expected <" + expected + "> but was <" + actual + ">");
        }
    }
}
