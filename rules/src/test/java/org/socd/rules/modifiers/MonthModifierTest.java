package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `month`: the month of a date field, compared as a number (alone or with lt/gt). */
class MonthModifierTest {

    @Test
    void extractsTheMonth() {
        String rule = "s:\n    UtcTime|month: 11\ncondition: s\n";
        assertTrue(matches(rule, Map.of("UtcTime", "2025-11-28")));
        assertFalse(matches(rule, Map.of("UtcTime", "2025-12-28")));
        assertFalse(matches(rule, Map.of("UtcTime", "yesterday")));
    }

    @Test
    void combinesWithComparisons() {
        assertTrue(matches("s:\n    UtcTime|month|gte: 11\ncondition: s\n", Map.of("UtcTime", "2025-11-28")));
        assertFalse(matches("s:\n    UtcTime|month|gt: 11\ncondition: s\n", Map.of("UtcTime", "2025-11-28")));
    }
}
