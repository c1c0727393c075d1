package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `wide`: an alias of utf16le. */
class WideModifierTest {

    @Test
    void isUtf16le() {
        String encoded = Base64.getEncoder().encodeToString("whoami".getBytes(StandardCharsets.UTF_16LE));
        assertTrue(matches("s:\n    F|wide|base64: 'whoami'\ncondition: s\n", Map.of("F", encoded)));
        String utf8 = Base64.getEncoder().encodeToString("whoami".getBytes(StandardCharsets.UTF_8));
        assertFalse(matches("s:\n    F|wide|base64: 'whoami'\ncondition: s\n", Map.of("F", utf8)));
    }
}
