package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `windash`: a flag dash matches -, /, en dash, em dash and horizontal bar; other dashes stay literal. */
class WindashModifierTest {

    private static final String RULE = "s:\n    CommandLine|windash|contains: ' -enc '\ncondition: s\n";

    @Test
    void everyDashVariantOfAFlagMatches() {
        for (String dash : new String[] {"-", "/", "\u2013", "\u2014", "\u2015"}) {
            assertTrue(matches(RULE, Map.of("CommandLine", "powershell.exe " + dash + "enc SQBFAFgA")), dash);
        }
    }

    @Test
    void otherCharactersAndMidWordDashesDoNotMatch() {
        assertFalse(matches(RULE, Map.of("CommandLine", "powershell.exe +enc SQBFAFgA")));
        assertFalse(matches(RULE, Map.of("CommandLine", "powershell.exe enc SQBFAFgA")));
        // A dash inside a word is not a flag: 'foo-bar' does not also match 'foo/bar'.
        assertTrue(matches("s:\n    F|windash: 'foo-bar'\ncondition: s\n", Map.of("F", "foo-bar")));
        assertFalse(matches("s:\n    F|windash: 'foo-bar'\ncondition: s\n", Map.of("F", "foo/bar")));
    }

    @Test
    void manyFlagsUseACharacterClassWithTheSameMeaning() {
        String rule = "s:\n    CommandLine|windash|contains: '-a -b -c -d'\ncondition: s\n";
        assertTrue(matches(rule, Map.of("CommandLine", "x /a \u2013b -c \u2015d y")));
        assertFalse(matches(rule, Map.of("CommandLine", "x /a +b -c -d y")));
    }

    @Test
    void allWithWindashRequiresEveryValueInSomeVariant() {
        String rule = "s:\n    CommandLine|windash|contains|all: ['-a', '-b']\ncondition: s\n";
        assertTrue(matches(rule, Map.of("CommandLine", "cmd /a -b")));
        assertFalse(matches(rule, Map.of("CommandLine", "cmd /a")));
    }
}
