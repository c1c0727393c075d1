package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `minute`: the minute of a date field, compared as a number (alone or with lt/gt). */
class MinuteModifierTest {

    @Test
    void extractsTheMinute() {
        String rule = "s:\n    UtcTime|minute: 30\ncondition: s\n";
        assertTrue(matches(rule, Map.of("UtcTime", "2025-11-28T08:30:20Z")));
        assertFalse(matches(rule, Map.of("UtcTime", "2025-11-28T08:31:20Z")));
        assertFalse(matches(rule, Map.of("UtcTime", "yesterday")));
    }

    @Test
    void combinesWithComparisons() {
        assertTrue(matches("s:\n    UtcTime|minute|gte: 30\ncondition: s\n", Map.of("UtcTime", "2025-11-28T08:30:20Z")));
        assertFalse(matches("s:\n    UtcTime|minute|gt: 30\ncondition: s\n", Map.of("UtcTime", "2025-11-28T08:30:20Z")));
    }
}
