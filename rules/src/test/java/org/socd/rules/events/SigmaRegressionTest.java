package org.socd.rules.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;
import org.socd.rules.engine.CompiledRule;
import org.socd.rules.engine.RuleEngine;
import org.socd.rules.logsource.EventLogsource;
import org.socd.rules.matching.EventFields;
import org.socd.rules.pack.LoadedRules;
import org.socd.rules.pack.RuleLoader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hunts over every file of ../shared/sigma-regression-dev (real Windows events, evtx_dump JSON)
 * with all of ../shared/sigma loaded, and asserts every line of its expected.jsonl: the rule
 * matches at least match_count events of that file.
 */
class SigmaRegressionTest {

    private static final Path SIGMA = Path.of("../../shared/sigma");
    private static final Path REGRESSION = Path.of("../../shared/sigma-regression-dev");

    @Test
    void everyExpectationHolds() throws IOException {
        assumeTrue(Files.isDirectory(REGRESSION) && Files.isDirectory(SIGMA), "no ../shared checkout");
        LoadedRules loaded = RuleLoader.loadDirectories(List.of(
                SIGMA.resolve("rules"), SIGMA.resolve("rules-emerging-threats"), SIGMA.resolve("rules-threat-hunting")));
        EventFileReader reader = new EventFileReader();
        JsonMapper json = new JsonMapper();
        List<String> failures = new ArrayList<>();
        Map<String, Map<String, Integer>> countsByFile = new HashMap<>();
        List<String> expectations = Files.readAllLines(REGRESSION.resolve("expected.jsonl"));
        for (String line : expectations) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode expected = json.readTree(line);
            String file = expected.get("file").asString();
            String ruleId = expected.get("rule_id").asString();
            int wanted = expected.get("match_count").asInt();
            Map<String, Integer> counts = countsByFile.computeIfAbsent(file, f -> {
                Map<String, Integer> c = new HashMap<>();
                try {
                    EventFileReader.Outcome outcome = reader.read(REGRESSION.resolve("events").resolve(f), e -> {
                        List<RuleMatch> matches = loaded.engine().evaluate(e.event());
                        for (RuleMatch m : matches) {
                            c.merge(m.ruleId(), 1, Integer::sum);
                        }
                        // The pre-filter may only skip rules that cannot match: same answer as evaluating every rule.
                        assertEquals(naive(loaded.engine(), e.event()), matches, e.source());
                    });
                    assertEquals(0, outcome.badRecords(), f + ": " + outcome.firstProblem());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return c;
            });
            int got = counts.getOrDefault(ruleId, 0);
            if (got < wanted) {
                failures.add(ruleId + " matched " + got + " < " + wanted + " events of " + file);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + expectations.size() + " expectations fail:\n"
                + String.join("\n", failures));
    }

    /** Every rule of the event's logsources, no index, no pre-filter. */
    static List<RuleMatch> naive(RuleEngine engine, Event event) {
        EventFields fields = new EventFields(event);
        EventLogsource logsource = engine.logsourceOf(event);
        fields.useAliases(logsource.fieldAliases());
        List<RuleMatch> matches = new ArrayList<>();
        for (CompiledRule rule : engine.rules()) {
            if (logsource.satisfies(rule.logsource()) && rule.matcher().matches(fields)) {
                matches.add(rule.match());
            }
        }
        return matches;
    }
}
