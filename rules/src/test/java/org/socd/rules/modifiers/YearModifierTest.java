package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `year`: the year of a date field, compared as a number (alone or with lt/gt). */
class YearModifierTest {

    @Test
    void extractsTheYear() {
        String rule = "s:\n    UtcTime|year: 2025\ncondition: s\n";
        assertTrue(matches(rule, Map.of("UtcTime", "2025-11-28T08:30:20Z")));
        assertFalse(matches(rule, Map.of("UtcTime", "2024-11-28T08:30:20Z")));
        assertFalse(matches(rule, Map.of("UtcTime", "yesterday")));
    }

    @Test
    void combinesWithComparisons() {
        assertTrue(matches("s:\n    UtcTime|year|gte: 2025\ncondition: s\n", Map.of("UtcTime", "2025-11-28T08:30:20Z")));
        assertFalse(matches("s:\n    UtcTime|year|gt: 2025\ncondition: s\n", Map.of("UtcTime", "2025-11-28T08:30:20Z")));
    }
}
