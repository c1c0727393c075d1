package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `base64offset`: the value is found inside a longer Base64 text at any byte offset. */
class Base64OffsetModifierTest {

    private static final String RULE = "s:\n    CommandLine|base64offset|contains: 'IEX'\ncondition: s\n";

    @Test
    void matchesAtEveryOffset() {
        for (String prefix : new String[] {"", "a", "ab", "abc", "abcd"}) {
            String encoded = Base64.getEncoder().encodeToString((prefix + "IEX (New-Object)").getBytes(StandardCharsets.UTF_8));
            assertTrue(matches(RULE, Map.of("CommandLine", "powershell -e " + encoded)), prefix);
        }
    }

    @Test
    void doesNotMatchOtherText() {
        String encoded = Base64.getEncoder().encodeToString("Get-Process".getBytes(StandardCharsets.UTF_8));
        assertFalse(matches(RULE, Map.of("CommandLine", "powershell -e " + encoded)));
        assertFalse(matches(RULE, Map.of("CommandLine", "IEX")));
    }

    @Test
    void chainsAfterUtf16() {
        String rule = "s:\n    CommandLine|wide|base64offset|contains: 'Invoke-Mimikatz'\ncondition: s\n";
        for (String prefix : new String[] {"", "x", "xy"}) {
            String encoded = Base64.getEncoder().encodeToString((prefix + "IEX (Invoke-Mimikatz)").getBytes(StandardCharsets.UTF_16LE));
            assertTrue(matches(rule, Map.of("CommandLine", "powershell -enc " + encoded)), prefix);
        }
        String utf8 = Base64.getEncoder().encodeToString("IEX (Invoke-Mimikatz)".getBytes(StandardCharsets.UTF_8));
        assertFalse(matches(rule, Map.of("CommandLine", "powershell -enc " + utf8)));
    }
}
