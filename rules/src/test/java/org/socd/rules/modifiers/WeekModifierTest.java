package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `week`: the week of a date field, compared as a number (alone or with lt/gt). */
class WeekModifierTest {

    @Test
    void extractsTheWeek() {
        String rule = "s:\n    UtcTime|week: 48\ncondition: s\n";
        assertTrue(matches(rule, Map.of("UtcTime", "2025-11-28T08:30:20Z")));
        assertFalse(matches(rule, Map.of("UtcTime", "2025-11-21T08:30:20Z")));
        assertFalse(matches(rule, Map.of("UtcTime", "yesterday")));
    }

    @Test
    void combinesWithComparisons() {
        assertTrue(matches("s:\n    UtcTime|week|gte: 48\ncondition: s\n", Map.of("UtcTime", "2025-11-28T08:30:20Z")));
        assertFalse(matches("s:\n    UtcTime|week|gt: 48\ncondition: s\n", Map.of("UtcTime", "2025-11-28T08:30:20Z")));
    }
}
