package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `gt`: numeric comparison with 5; numeric strings count, other text never matches. */
class GtModifierTest {

    private static final String RULE = "s:\n    Count|gt: 5\ncondition: s\n";

    @Test
    void compares() {
        assertTrue(matches(RULE, Map.of("Count", 6)));
        assertTrue(matches(RULE, Map.of("Count", "6")));
        assertFalse(matches(RULE, Map.of("Count", 5)));
        assertFalse(matches(RULE, Map.of("Count", "five")));
        assertFalse(matches(RULE, Map.of("Other", 6)));
    }

    @Test
    void readsDecimalsAndHex() {
        assertTrue(matches("s:\n    F|gt: 16.5\ncondition: s\n", Map.of("F", "17")));
        assertTrue(matches("s:\n    F|gt: 16\ncondition: s\n", Map.of("F", "0x11")));
    }
}
