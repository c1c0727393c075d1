package org.socd.rules.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.socd.rules.RuleFixture;
import org.socd.rules.compile.RuleCompiler;
import org.socd.rules.yaml.RuleSyntaxException;

/** Hostile rule files: a clear error with file and position, never a crash or unbounded allocation. */
class BadInputTest {

    private static RuleSyntaxException reject(String text) {
        return assertThrows(RuleSyntaxException.class, () -> RuleCompiler.compile(text, "evil.yml"));
    }

    @Test
    void yamlBombIsRejected() {
        StringBuilder bomb = new StringBuilder("title: lol\nlogsource: {}\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = c;
        }
        bomb.append("detection:\n  s: {a: 1}\n  condition: s\n");
        RuleSyntaxException e = reject(bomb.toString());
        assertTrue(e.location().toString().startsWith("evil.yml:"), e.toString());
        assertTrue(e.problem().contains("alias"), e.problem());
    }

    @Test
    void modestAliasesStillWork() {
        String text = "title: t\nlogsource: {}\ndetection:\n  a: &paths {Image|endswith: ['\\\\x.exe', '\\\\y.exe']}\n"
                + "  b: *paths\n  condition: a and b\n";
        var rule = RuleCompiler.compile(text, "ok.yml");
        assertEquals(1, org.socd.rules.engine.RuleEngine.of(java.util.List.of(rule))
                .evaluate(org.socd.protocol.event.Event.of(java.util.Map.of("Image", "C:\\y.exe"))).size());
        assertTrue(reject("title: t\nlogsource: {}\ndetection:\n  b: *nowhere\n  condition: b\n").problem()
                .contains("refers to no anchor"));
    }

    @Test
    void deeplyNestedYamlIsRejected() {
        String deep = "title: t\nlogsource: {}\nx: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        RuleSyntaxException e = reject(deep);
        assertTrue(e.problem().contains("nesting depth"), e.toString());
    }

    @Test
    void deeplyNestedConditionIsRejected() {
        String condition = "(".repeat(50_000) + "s" + ")".repeat(50_000);
        RuleSyntaxException e = reject(RuleFixture.rule("s:\n    a: 1\ncondition: '" + condition + "'\n"));
        assertEquals("evil.yml:8:16", e.location().toString());
        assertTrue(e.problem().contains("nests deeper than"), e.problem());
        RuleSyntaxException nots = reject(RuleFixture.rule("s:\n    a: 1\ncondition: '" + "not ".repeat(50_000) + "s'\n"));
        assertTrue(nots.problem().contains("nests deeper than"), nots.problem());
    }

    @Test
    void malformedFileUnknownModifierAndMissingSelection() {
        assertTrue(reject("title: [unclosed\n").location().toString().startsWith("evil.yml:"));
        assertEquals("evil.yml:7:9", reject(RuleFixture.rule("s:\n    a|bogus: 1\ncondition: s\n")).location().toString());
        RuleSyntaxException missing = reject(RuleFixture.rule("s:\n    a: 1\ncondition: s and nowhere\n"));
        assertEquals("evil.yml:8:16", missing.location().toString());
        assertTrue(missing.problem().contains("unknown search identifier 'nowhere'"), missing.problem());
    }
}
