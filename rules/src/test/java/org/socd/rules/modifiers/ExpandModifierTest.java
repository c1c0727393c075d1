package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleFixture;
import org.socd.rules.compile.Placeholders;
import org.socd.rules.compile.RuleCompiler;
import org.socd.rules.engine.RuleEngine;
import org.socd.rules.yaml.RuleSyntaxException;

/** `expand`: %placeholders% take their values from configuration; an unresolved one rejects the rule. */
class ExpandModifierTest {

    private static final String RULE = RuleFixture.rule(
            "s:\n    User|expand: '%admins%'\n    Path|expand|startswith: '%dirs%\\'\ncondition: s\n");
    private static final Placeholders CONFIG = Placeholders.parse(
            "placeholders:\n  admins: [root, Administrator]\n  dirs: ['C:\\Temp', 'C:\\Users\\Public']\n", "placeholders.yml");

    private static boolean matches(Map<String, ?> fields) {
        RuleEngine engine = RuleEngine.of(List.of(RuleCompiler.compile(RULE, "rule.yml", CONFIG)));
        return !engine.evaluate(Event.of(fields)).isEmpty();
    }

    @Test
    void placeholdersExpandToTheirValues() {
        assertTrue(matches(Map.of("User", "administrator", "Path", "C:\\Users\\Public\\x.exe")));
        assertTrue(matches(Map.of("User", "root", "Path", "C:\\Temp\\y.dll")));
    }

    @Test
    void otherValuesDoNotMatch() {
        assertEquals(false, matches(Map.of("User", "alice", "Path", "C:\\Temp\\y.dll")));
        assertEquals(false, matches(Map.of("User", "root", "Path", "D:\\Temp\\y.dll")));
        assertEquals(false, matches(Map.of("User", "%admins%", "Path", "C:\\Temp\\y.dll")));
    }

    @Test
    void unresolvedPlaceholderRejectsTheRule() {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> RuleCompiler.compile(RULE, "rule.yml"));
        assertEquals("rule.yml:7:22", e.location().toString());
        assertTrue(e.problem().contains("placeholder '%admins%'"), e.problem());
    }
}
