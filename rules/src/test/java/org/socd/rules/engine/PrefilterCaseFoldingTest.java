package org.socd.rules.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RE2 folds case beyond ASCII for {@code (?i)} regexes: the long s 'ſ' is an 's', the Kelvin
 * sign an 'k'. The pre-filter looks for the regex's literal in the lower-cased value, so it must
 * find it there too, or the engine would miss what evaluating the rule finds.
 */
class PrefilterCaseFoldingTest {

    private static final String RULE = "sel:\n    CommandLine|re: '(?i)sekurlsa::'\ncondition: sel\n";

    @Test
    void longSAndKelvinSignMatchCaseInsensitiveRegexes() {
        assertTrue(matches(RULE, Map.of("CommandLine", "mimikatz \u017Fekurlsa::logonpasswords")));
        assertTrue(matches(RULE, Map.of("CommandLine", "mimikatz se\u212Aurlsa::logonpasswords")));
        assertTrue(matches(RULE, Map.of("CommandLine", "\u00e9 SEKURLSA::x")));
        assertFalse(matches(RULE, Map.of("CommandLine", "\u00e9 sekurls::x")));
        assertFalse(matches("sel:\n    CommandLine|re: 'sekurlsa::'\ncondition: sel\n",
                Map.of("CommandLine", "\u017Fekurlsa::")), "a case-sensitive regex does not fold");
    }
}
