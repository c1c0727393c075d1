package org.socd.rules.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.correlation.Harness.ACCEPTED;
import static org.socd.rules.correlation.Harness.FAILED;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.rules.compile.Placeholders;
import org.socd.rules.pack.LoadedRules;
import org.socd.rules.pack.RuleError;
import org.socd.rules.pack.RuleLoader;

/** Multi-document files, references by id and name across files, and every rejection with its position. */
class CorrelationLoadingTest {

    @TempDir
    Path dir;

    private LoadedRules load(String... files) throws IOException {
        for (int i = 0; i < files.length; i++) {
            Files.writeString(dir.resolve("f" + i + ".yml"), files[i]);
        }
        return RuleLoader.loadPaths(List.of(dir), Placeholders.NONE);
    }

    private static List<String> errors(LoadedRules loaded) {
        return loaded.errors().stream().map(RuleError::toString).toList();
    }

    private static String correlation(String id, String type, String rules, String extra) {
        return """
                title: %s
                id: %s
                correlation:
                    type: %s
                    rules: %s
                    group-by: [src_ip]
                    timespan: 5m
                %s""".formatted(id, id, type, rules, extra);
    }

    @Test
    void referencesResolveByIdAndNameAcrossFiles() throws IOException {
        LoadedRules loaded = load(FAILED, ACCEPTED,
                correlation("c1", "temporal", "[failed_login, 11111111-0000-0000-0000-000000000002]", ""));
        assertEquals(List.of(), errors(loaded));
        assertEquals(2, loaded.ruleCount());
        assertEquals(1, loaded.correlationCount());
        Correlation c = loaded.correlations().ordered().get(0);
        assertEquals(List.of("11111111-0000-0000-0000-000000000001", "11111111-0000-0000-0000-000000000002"), c.ruleIds());
        assertEquals(Duration.ofMinutes(5), c.definition().timespan());
    }

    @Test
    void aMissingReferenceIsAnErrorNamingItAtItsPosition() throws IOException {
        LoadedRules loaded = load(FAILED, correlation("c1", "temporal", "\n        - failed_login\n        - no_such_rule", ""));
        assertEquals(0, loaded.correlationCount());
        List<String> errors = errors(loaded);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("f1.yml:7:11") && errors.get(0).contains("'no_such_rule'"), errors.toString());
    }

    @Test
    void cyclesAndCorrelationsOnRejectedOnesAreRejected() throws IOException {
        LoadedRules loaded = load(FAILED,
                correlation("a", "temporal", "[b, failed_login]", ""),
                correlation("b", "temporal", "[a]", ""),
                correlation("c", "temporal", "[b]", ""),
                correlation("d", "event_count", "[missing]", "    condition: {gte: 2}\n"),
                correlation("e", "temporal", "[d]", ""),
                correlation("ok", "temporal", "[failed_login]", ""));
        List<String> errors = errors(loaded);
        assertEquals(List.of("ok"), loaded.correlations().ordered().stream().map(Correlation::id).toList(), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("f1.yml:1:1") && e.contains("reference cycle a -> b -> a")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("f2.yml:1:1") && e.contains("cycle")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("f3.yml:1:1") && e.contains("built on correlation 'b'")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("f4.yml") && e.contains("'missing'")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("f5.yml:1:1") && e.contains("built on correlation 'd'")), errors.toString());
        assertEquals(5, errors.size(), errors.toString());
    }

    @Test
    void aBadDocumentSkipsOnlyItselfAndKeepsItsLine() throws IOException {
        LoadedRules loaded = load(FAILED + "---\n" + """
                title: broken
                logsource: {product: linux}
                detection:
                    selection: {a: 1}
                    condition: selection and
                ---
                """ + ACCEPTED);
        assertEquals(2, loaded.ruleCount());
        List<String> errors = errors(loaded);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(dir.resolve("f0.yml") + ":14:"), errors.toString());
    }

    @Test
    void idLessDocumentsOfOneFileDoNotCollide() throws IOException {
        String rule = FAILED.replace("id: 11111111-0000-0000-0000-000000000001\n", "").replace("name: failed_login\n", "");
        LoadedRules loaded = load(rule + "---\n" + rule);
        assertEquals(List.of(), errors(loaded));
        assertEquals(2, loaded.ruleCount());
    }

    @Test
    void unsupportedAndMalformedCorrelationsSayWhatToDo() throws IOException {
        LoadedRules loaded = load(FAILED,
                correlation("p", "value_percentile", "[failed_login]", "    condition: {field: x, lte: 1}\n"),
                correlation("t", "event_count", "[failed_login]", "    condition: {gte: 5}\n").replace("timespan: 5m", "timespan: 5M"),
                correlation("k", "event_count", "[failed_login]", "    condition: {gte: 5}\n    groupby: [x]\n"),
                correlation("c", "event_count", "[failed_login]", ""),
                correlation("f", "value_sum", "[failed_login]", "    condition: {gte: 5}\n"),
                correlation("o", "temporal_ordered", "[failed_login]", "    condition: {gte: 1}\n"),
                correlation("x", "sometimes", "[failed_login]", ""),
                "title: s1\naction: global\n");
        List<String> errors = errors(loaded);
        assertEquals(0, loaded.correlationCount(), errors.toString());
        String[][] expected = {
                {"f1.yml:4:11", "'value_percentile' is not supported"},
                {"f2.yml:7:15", "timespan '5M'"},
                {"f3.yml:9:5", "unknown key 'groupby'"},
                {"f4.yml:4:5", "needs a 'condition'"},
                {"f5.yml:8:16", "needs 'field'"},
                {"f6.yml:8:16", "a 'condition' has no meaning"},
                {"f7.yml:4:11", "unknown correlation type 'sometimes'"},
                {"f8.yml:2:9", "Sigma 1"},
        };
        for (String[] e : expected) {
            assertTrue(errors.stream().anyMatch(m -> m.contains(e[0]) && m.contains(e[1])), e[0] + " " + e[1] + " in " + errors);
        }
        assertEquals(expected.length, errors.size(), errors.toString());
    }

    @Test
    void aliasesMustNameReferencedRules() throws IOException {
        LoadedRules loaded = load(FAILED, correlation("a", "temporal", "[failed_login]", """
                    aliases:
                        src_ip:
                            successful_login: dst_ip
                """));
        assertEquals(0, loaded.correlationCount());
        assertTrue(errors(loaded).get(0).contains("names rule 'successful_login', which correlation 'a' does not reference"),
                errors(loaded).toString());
    }

    @Test
    void duplicateIdsAndNamesAreRejected() throws IOException {
        LoadedRules loaded = load(FAILED, ACCEPTED.replace("name: successful_login", "name: failed_login"),
                correlation("11111111-0000-0000-0000-000000000001", "temporal", "[failed_login]", ""));
        List<String> errors = errors(loaded);
        assertTrue(errors.stream().anyMatch(e -> e.contains("duplicate rule name 'failed_login'")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("duplicate rule id '11111111-0000-0000-0000-000000000001'")), errors.toString());
    }

    @Test
    void aCustomMappingKeepsTheCorrelationsAndTheirFieldsFollowIt() throws IOException {
        LoadedRules loaded = load(FAILED, correlation("c", "event_count", "[failed_login]", "    condition: {gte: 2}\n"));
        LoadedRules mapped = loaded.withMapping(org.socd.rules.logsource.LogsourceMapping.parse("""
                sources:
                  - when: { appname: sshd }
                    product: linux
                    service: sshd
                    fields: { src_ip: peer }
                """, "mapping.yml"));
        assertEquals(1, mapped.correlationCount());
        CorrelationEngine engine = new CorrelationEngine(mapped.correlations(), CorrelationLimits.DEFAULTS, CorrelationMetrics.NONE);
        List<CorrelationMatch> matches = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            org.socd.protocol.event.Event event = Harness.sshd(i, "Failed password", java.util.Map.of("peer", "192.0.2.4"));
            matches.addAll(engine.offer(mapped.engine().evaluate(event), event, "e" + i, Harness.T0));
        }
        assertEquals(1, matches.size());
        assertEquals(List.of("192.0.2.4"), matches.get(0).groupKey(), "src_ip read as the mapping's 'peer'");
    }

    @Test
    void theAliasBudgetHoldsPerFileAcrossDocuments() throws IOException {
        // Each document alone is under the budget; together they exceed it.
        StringBuilder bomb = new StringBuilder();
        for (int d = 0; d < 3; d++) {
            bomb.append("title: d").append(d).append("\na: &a [").append("x,".repeat(999)).append("x]\nb: [")
                    .append("*a,".repeat(3)).append("*a]\n---\n");
        }
        LoadedRules loaded = load(bomb.toString());
        List<String> errors = errors(loaded);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("more than 10000 nodes"), errors.toString());
    }
}
