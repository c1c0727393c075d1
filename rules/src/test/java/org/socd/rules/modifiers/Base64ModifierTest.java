package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `base64`: the value is Base64-encoded (from UTF-8) before matching. */
class Base64ModifierTest {

    @Test
    void matchesTheEncodedValue() {
        String encoded = Base64.getEncoder().encodeToString("http://evil".getBytes(StandardCharsets.UTF_8));
        String rule = "s:\n    CommandLine|base64|contains: 'http://evil'\ncondition: s\n";
        assertTrue(matches(rule, Map.of("CommandLine", "cmd /c echo " + encoded + " | decode")));
        assertFalse(matches(rule, Map.of("CommandLine", "cmd /c echo http://evil")));
        assertTrue(matches("s:\n    F|base64: 'abc'\ncondition: s\n", Map.of("F", "YWJj")));
        assertFalse(matches("s:\n    F|base64: 'abc'\ncondition: s\n", Map.of("F", "YWJk")));
    }
}
