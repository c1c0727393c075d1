package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `utf16be`: the value as UTF-16 big endian bytes. */
class Utf16beModifierTest {

    @Test
    void encodesBigEndian() {
        String encoded = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16BE));
        assertTrue(matches("s:\n    F|utf16be|base64: 'cmd'\ncondition: s\n", Map.of("F", encoded)));
        String little = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16LE));
        assertFalse(matches("s:\n    F|utf16be|base64: 'cmd'\ncondition: s\n", Map.of("F", little)));
    }
}
