package org.socd.rules.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conditions evaluated over real selections: precedence, quantifiers, lists. */
class ConditionEvaluationTest {

    private static final String SELECTIONS = """
            sel_a:
                a: 1
            sel_b:
                b: 1
            filter_c:
                c: 1
            _helper:
                h: 1
            """;

    private static boolean eval(String condition, Map<String, ?> fields) {
        return matches(SELECTIONS + "condition: " + condition + "\n", fields);
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        // a or b and not c  ==  a or (b and (not c))
        assertTrue(eval("sel_a or sel_b and not filter_c", Map.of("a", 1, "c", 1)));
        assertFalse(eval("sel_a or sel_b and not filter_c", Map.of("b", 1, "c", 1)));
        assertTrue(eval("sel_a or sel_b and not filter_c", Map.of("b", 1)));
        // Parentheses override.
        assertFalse(eval("(sel_a or sel_b) and not filter_c", Map.of("a", 1, "c", 1)));
        // not a and b == (not a) and b
        assertTrue(eval("not sel_a and sel_b", Map.of("b", 1)));
        assertFalse(eval("not sel_a and sel_b", Map.of("a", 1)));
        assertTrue(eval("not (sel_a and sel_b)", Map.of("a", 1)));
        assertTrue(eval("not not sel_a", Map.of("a", 1)));
    }

    @Test
    void quantifiersOverPatterns() {
        assertTrue(eval("1 of sel_*", Map.of("b", 1)));
        assertFalse(eval("all of sel_*", Map.of("b", 1)));
        assertTrue(eval("all of sel_*", Map.of("a", 1, "b", 1)));
        assertTrue(eval("1 of sel_* and not 1 of filter_*", Map.of("a", 1)));
        assertFalse(eval("1 of sel_* and not 1 of filter_*", Map.of("a", 1, "c", 1)));
        assertTrue(eval("1 of *_b", Map.of("b", 1)));
    }

    @Test
    void themSkipsUnderscoreIdentifiers() {
        assertTrue(eval("all of them", Map.of("a", 1, "b", 1, "c", 1)));
        assertTrue(eval("1 of them", Map.of("c", 1)));
        assertFalse(eval("1 of them", Map.of("h", 1)));
        // An explicit pattern may name underscore identifiers.
        assertTrue(eval("1 of _*", Map.of("h", 1)));
    }

    @Test
    void aListOfConditionsIsOr() {
        String detection = SELECTIONS + "condition:\n    - sel_a and filter_c\n    - sel_b\n";
        assertTrue(matches(detection, Map.of("b", 1)));
        assertTrue(matches(detection, Map.of("a", 1, "c", 1)));
        assertFalse(matches(detection, Map.of("a", 1)));
    }

    @Test
    void globOverIdentifierNames() {
        assertTrue(RuleCompiler.globMatches("sel*", "selection_1"));
        assertTrue(RuleCompiler.globMatches("*", "x"));
        assertTrue(RuleCompiler.globMatches("a*b*c", "aXbYc"));
        assertFalse(RuleCompiler.globMatches("sel*", "filter"));
        assertFalse(RuleCompiler.globMatches("sel", "selection"));
        assertEquals(true, RuleCompiler.globMatches("sel*ion", "selection"));
    }
}
