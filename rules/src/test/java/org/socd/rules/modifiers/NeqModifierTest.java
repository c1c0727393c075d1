package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `neq`: the field differs from every value; an absent field differs too. */
class NeqModifierTest {

    @Test
    void differsFromEveryValue() {
        String rule = "s:\n    EventID: 4625\n    LogonType|neq: [3, 10]\ncondition: s\n";
        assertTrue(matches(rule, Map.of("EventID", 4625, "LogonType", 2)));
        assertFalse(matches(rule, Map.of("EventID", 4625, "LogonType", 3)));
        assertFalse(matches(rule, Map.of("EventID", 4625, "LogonType", "10")));
        assertTrue(matches(rule, Map.of("EventID", 4625)));
    }

    @Test
    void isCaseInsensitiveLikeEquality() {
        String rule = "s:\n    User|neq: 'SYSTEM'\ncondition: s\n";
        assertFalse(matches(rule, Map.of("User", "system")));
        assertTrue(matches(rule, Map.of("User", "alice")));
    }
}
