package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `lt`: numeric comparison with 5; numeric strings count, other text never matches. */
class LtModifierTest {

    private static final String RULE = "s:\n    Count|lt: 5\ncondition: s\n";

    @Test
    void compares() {
        assertTrue(matches(RULE, Map.of("Count", 4)));
        assertTrue(matches(RULE, Map.of("Count", "4")));
        assertFalse(matches(RULE, Map.of("Count", 5)));
        assertFalse(matches(RULE, Map.of("Count", "five")));
        assertFalse(matches(RULE, Map.of("Other", 4)));
    }

    @Test
    void readsDecimalsAndHex() {
        assertTrue(matches("s:\n    F|lt: 16.5\ncondition: s\n", Map.of("F", "16")));
        assertTrue(matches("s:\n    F|lt: 16\ncondition: s\n", Map.of("F", "0xF")));
    }
}
