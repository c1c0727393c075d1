package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `utf16`: a little-endian byte order mark, then UTF-16 little endian. */
class Utf16ModifierTest {

    @Test
    void prependsTheByteOrderMark() {
        byte[] withBom = {(byte) 0xFF, (byte) 0xFE, 'c', 0, 'm', 0, 'd', 0};
        String encoded = Base64.getEncoder().encodeToString(withBom);
        assertTrue(matches("s:\n    F|utf16|base64: 'cmd'\ncondition: s\n", Map.of("F", encoded)));
        String noBom = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16LE));
        assertFalse(matches("s:\n    F|utf16|base64: 'cmd'\ncondition: s\n", Map.of("F", noBom)));
    }
}
