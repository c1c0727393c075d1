package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `exists`, `null` and the empty string: three different things. */
class ExistsModifierTest {

    @Test
    void nullEmptyAndAbsent() {
        String isNull = "s:\n    F: null\ncondition: s\n";
        String isEmpty = "s:\n    F: ''\ncondition: s\n";
        String exists = "s:\n    F|exists: true\ncondition: s\n";
        String absent = "s:\n    F|exists: false\ncondition: s\n";
        Map<String, Object> none = Map.of("G", "x");
        Map<String, Object> empty = Map.of("F", "");
        Map<String, Object> value = Map.of("F", "x");
        assertTrue(matches(isNull, none));
        assertFalse(matches(isNull, empty));
        assertFalse(matches(isNull, value));
        assertFalse(matches(isEmpty, none));
        assertTrue(matches(isEmpty, empty));
        assertFalse(matches(isEmpty, value));
        assertFalse(matches(exists, none));
        assertTrue(matches(exists, empty));
        assertTrue(matches(absent, none));
        assertFalse(matches(absent, value));
    }
}
