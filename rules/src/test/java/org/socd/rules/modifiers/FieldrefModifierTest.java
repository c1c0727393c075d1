package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `fieldref`: compares a field with another field of the same event. */
class FieldrefModifierTest {

    @Test
    void equalFields() {
        String rule = "s:\n    SourceUser|fieldref: TargetUser\ncondition: s\n";
        assertTrue(matches(rule, Map.of("SourceUser", "Alice", "TargetUser", "alice")));
        assertFalse(matches(rule, Map.of("SourceUser", "alice", "TargetUser", "bob")));
        assertFalse(matches(rule, Map.of("SourceUser", "alice")));
    }

    @Test
    void withNeqAndPositionalModifiers() {
        assertTrue(matches("s:\n    A|fieldref|neq: B\ncondition: s\n", Map.of("A", "x", "B", "y")));
        assertFalse(matches("s:\n    A|fieldref|neq: B\ncondition: s\n", Map.of("A", "x", "B", "X")));
        assertTrue(matches("s:\n    Image|fieldref|endswith: Name\ncondition: s\n",
                Map.of("Image", "C:\\x\\evil.exe", "Name", "evil.exe")));
        assertFalse(matches("s:\n    Image|fieldref|endswith: Name\ncondition: s\n",
                Map.of("Image", "C:\\x\\evil.exe", "Name", "good.exe")));
        assertFalse(matches("s:\n    A|fieldref|cased: B\ncondition: s\n", Map.of("A", "x", "B", "X")));
    }
}
