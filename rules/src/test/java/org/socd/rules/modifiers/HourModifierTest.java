package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `hour`: the hour of a date field, compared as a number (alone or with lt/gt). */
class HourModifierTest {

    @Test
    void extractsTheHour() {
        String rule = "s:\n    UtcTime|hour: 8\ncondition: s\n";
        assertTrue(matches(rule, Map.of("UtcTime", "2025-11-28 08:30:20.964")));
        assertFalse(matches(rule, Map.of("UtcTime", "2025-11-28 09:30:20.964")));
        assertFalse(matches(rule, Map.of("UtcTime", "yesterday")));
    }

    @Test
    void combinesWithComparisons() {
        assertTrue(matches("s:\n    UtcTime|hour|gte: 8\ncondition: s\n", Map.of("UtcTime", "2025-11-28 08:30:20.964")));
        assertFalse(matches("s:\n    UtcTime|hour|gt: 8\ncondition: s\n", Map.of("UtcTime", "2025-11-28 08:30:20.964")));
    }
}
