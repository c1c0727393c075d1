package org.socd.rules.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;
import org.socd.rules.engine.CompiledRule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The bundled pack against realistic events: each rule file has a case file in
 * {@code bundled-cases/} with events that must match exactly that rule and events that must not
 * match it.
 */
class BundledRulesTest {

    private static final LoadedRules BUNDLED = RuleLoader.load(List.of());
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void everyBundledRuleCompilesWithoutErrors() {
        assertEquals(List.of(), BUNDLED.errors());
        assertEquals(RuleLoader.bundledRuleFiles().size(), BUNDLED.ruleCount());
        assertTrue(BUNDLED.ruleCount() >= 12, "the pack promises at least 12 rules");
    }

    @Test
    void bundledRulesCarryTheMetadataAnalystsRelyOn() {
        Set<String> ids = new HashSet<>();
        for (CompiledRule rule : BUNDLED.engine().rules()) {
            assertTrue(rule.id().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                    "not a random UUID: " + rule.id() + " in " + rule.source());
            assertTrue(ids.add(rule.id()), "duplicate id " + rule.id());
            assertTrue(rule.match().tags().stream().anyMatch(t -> t.matches("attack\\.t\\d{4}(\\.\\d{3})?")),
                    "no ATT&CK technique tag in " + rule.source());
        }
    }

    static Stream<String> bundledRuleFiles() {
        return RuleLoader.bundledRuleFiles().stream();
    }

    @ParameterizedTest
    @MethodSource("bundledRuleFiles")
    void positivesMatchOnlyTheirRuleAndNegativesDoNotMatchIt(String ruleFile) throws IOException {
        CompiledRule rule = BUNDLED.engine().rules().stream()
                .filter(r -> r.source().file().endsWith("/" + ruleFile))
                .findFirst().orElseThrow(() -> new AssertionError(ruleFile + " was not loaded"));
        String caseFile = "bundled-cases/" + ruleFile.replaceFirst("\\.ya?ml$", "") + ".yml";
        Map<String, List<Map<String, Object>>> cases = readCases(caseFile);
        List<Map<String, Object>> positives = cases.get("positive");
        List<Map<String, Object>> negatives = cases.get("negative");
        assertNotNull(positives, caseFile + " needs a 'positive' list");
        assertNotNull(negatives, caseFile + " needs a 'negative' list");
        assertFalse(positives.isEmpty() || negatives.isEmpty(), caseFile + " needs at least one of each");

        for (Map<String, Object> fields : positives) {
            List<RuleMatch> matches = BUNDLED.engine().evaluate(Event.of(fields));
            assertEquals(List.of(rule.match()), matches, "positive in " + caseFile + ": " + fields);
        }
        for (Map<String, Object> fields : negatives) {
            List<RuleMatch> matches = BUNDLED.engine().evaluate(Event.of(fields));
            assertFalse(matches.contains(rule.match()), "negative in " + caseFile + " matched: " + fields);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<Map<String, Object>>> readCases(String resource) throws IOException {
        try (InputStream in = BundledRulesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, "missing test cases " + resource);
            return YAML.readValue(in, Map.class);
        }
    }
}
