package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `utf16le`: the value as UTF-16 little endian bytes (here followed by base64 to be observable). */
class Utf16leModifierTest {

    @Test
    void encodesLittleEndian() {
        String encoded = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16LE));
        assertTrue(matches("s:\n    F|utf16le|base64: 'cmd'\ncondition: s\n", Map.of("F", encoded)));
        String bigEndian = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16BE));
        assertFalse(matches("s:\n    F|utf16le|base64: 'cmd'\ncondition: s\n", Map.of("F", bigEndian)));
    }

    @Test
    void withoutBase64MatchesTheRawBytesAsText() {
        assertTrue(matches("s:\n    F|utf16le: 'cmd'\ncondition: s\n", Map.of("F", "c\u0000m\u0000d\u0000")));
        assertFalse(matches("s:\n    F|utf16le: 'cmd'\ncondition: s\n", Map.of("F", "cmd")));
    }
}
