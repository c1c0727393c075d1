package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `gte`: numeric comparison with 5; numeric strings count, other text never matches. */
class GteModifierTest {

    private static final String RULE = "s:\n    Count|gte: 5\ncondition: s\n";

    @Test
    void compares() {
        assertTrue(matches(RULE, Map.of("Count", 5)));
        assertTrue(matches(RULE, Map.of("Count", "5")));
        assertFalse(matches(RULE, Map.of("Count", 4)));
        assertFalse(matches(RULE, Map.of("Count", "five")));
        assertFalse(matches(RULE, Map.of("Other", 5)));
    }

    @Test
    void readsDecimalsAndHex() {
        assertTrue(matches("s:\n    F|gte: 16.5\ncondition: s\n", Map.of("F", "17")));
        assertTrue(matches("s:\n    F|gte: 16\ncondition: s\n", Map.of("F", "0x11")));
    }
}
