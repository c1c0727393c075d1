package org.socd.rules.matching;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keywords search the message, else the raw line, else every field value of a structured event. */
class KeywordSearchTest {

    private static final String RULE = "k:\n    - 'mimikatz'\ncondition: k\n";

    @Test
    void messageFirst() {
        assertTrue(matches(RULE, Map.of("message", "ran MIMIKATZ.exe", "other", "x")));
        assertFalse(matches(RULE, Map.of("message", "nothing here", "other", "mimikatz")));
    }

    @Test
    void structuredEventsSearchEveryValue() {
        assertTrue(matches(RULE, Map.of("EventID", 7045, "ImagePath", "C:\\tmp\\Mimikatz.exe")));
        assertFalse(matches(RULE, Map.of("EventID", 7045, "ImagePath", "C:\\Windows\\svc.exe")));
        assertTrue(matches("k:\n    '|all':\n        - 'a1'\n        - 'b2'\ncondition: k\n", Map.of("x", "a1", "y", "b2")));
        assertFalse(matches("k:\n    '|all':\n        - 'a1'\n        - 'b2'\ncondition: k\n", Map.of("x", "a1")));
    }

    @Test
    void numbersAndListsAreSearchedAsText() {
        // The engine's pre-filter skips integers only when no keyword could be in digits.
        assertTrue(matches("k:\n    - '1234'\ncondition: k\n", Map.of("EventID", 991234)));
        assertTrue(matches("k:\n    - '-12'\ncondition: k\n", Map.of("Offset", -1234L)));
        assertFalse(matches("k:\n    - 'x12'\ncondition: k\n", Map.of("EventID", 991234)));
        assertTrue(matches("k:\n    - '2.5'\ncondition: k\n", Map.of("Ratio", 12.5)));
        assertTrue(matches(RULE, Map.of("Tags", java.util.List.of(7, "run MIMIKATZ"))));
        assertFalse(matches(RULE, Map.of("Nested", Map.of("x", "mimikatz"))), "a mapping has no text of its own");
    }
}
