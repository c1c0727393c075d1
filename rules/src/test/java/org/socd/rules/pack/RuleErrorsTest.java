package org.socd.rules.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.rules.RuleFixture;
import org.socd.rules.compile.RuleCompiler;
import org.socd.rules.yaml.RuleSyntaxException;

/** Rejected rules say what, where (file:line:col) and what to do; loading goes on. */
class RuleErrorsTest {

    private static RuleSyntaxException reject(String detection) {
        return assertThrows(RuleSyntaxException.class,
                () -> RuleCompiler.compile(RuleFixture.rule(detection), "bad.yml"));
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "'" + text + "' lacks '" + expected + "'");
    }

    @Test
    void unknownModifierIsRejectedAtItsKey() {
        RuleSyntaxException e = reject("selection:\n    Image|endwith: '.exe'\ncondition: selection\n");
        // The fixture puts the detection at line 6, indented by 4; the selection's key is on line 7.
        assertEquals("bad.yml:7:9", e.location().toString());
        assertContains(e.problem(), "unknown modifier 'endwith'");
        assertContains(e.problem(), "check its spelling");
    }

    @Test
    void modifierValuesOfTheWrongKindAreRejectedAtTheValue() {
        assertContains(reject("s:\n    F|cidr: 'not-a-net'\ncondition: s\n").problem(), "not a network in CIDR notation");
        assertContains(reject("s:\n    F|cidr: '10.0.0.0/33'\ncondition: s\n").problem(), "CIDR");
        assertContains(reject("s:\n    F|gt: 'ten'\ncondition: s\n").problem(), "is not a number");
        assertContains(reject("s:\n    F|hour: 'noon'\ncondition: s\n").problem(), "is not a number");
        assertContains(reject("s:\n    F|base64: 'a*b'\ncondition: s\n").problem(), "cannot encode wildcards");
        assertContains(reject("s:\n    F|expand: '%nowhere%'\ncondition: s\n").problem(),
                "placeholder '%nowhere%' of field 'F' has no values configured");
        assertContains(reject("s:\n    F|cidr|contains: '10.0.0.0/8'\ncondition: s\n").problem(), "incompatible kinds");
        assertContains(reject("s:\n    F|gt|lt: 1\ncondition: s\n").problem(), "more than one numeric");
        assertContains(reject("s:\n    F|re|windash: x\ncondition: s\n").problem(), "'re' cannot be combined");
        assertContains(reject("s:\n    '|gt': 1\ncondition: s\n").problem(), "keywords have no field");
    }

    @Test
    void nonsensicalModifierChainsAreRejected() {
        assertContains(reject("s:\n    F|contains|endswith: x\ncondition: s\n").problem(), "contradicting modifiers");
        assertContains(reject("s:\n    F|re|contains: x\ncondition: s\n").problem(), "'re' cannot be combined");
        assertContains(reject("s:\n    F|i: x\ncondition: s\n").problem(), "flag of 're'");
        assertContains(reject("s:\n    F|exists: yes please\ncondition: s\n").problem(), "true or false");
        assertContains(reject("s:\n    F|contains: null\ncondition: s\n").problem(), "null cannot take modifiers");
        assertContains(reject("s:\n    F|re: '(unclosed'\ncondition: s\n").problem(), "invalid regular expression");
        assertContains(reject("s:\n    F|re: '(?<=x)y'\ncondition: s\n").problem(), "RE2");
    }

    @Test
    void conditionErrorsPointAtTheCondition() {
        RuleSyntaxException unknown = reject("selection:\n    a: 1\ncondition: selection and filter\n");
        assertEquals(8, unknown.location().line());
        assertContains(unknown.problem(), "unknown search identifier 'filter'; defined are [selection]");
        assertContains(reject("selection:\n    a: 1\ncondition: 1 of filter*\n").problem(),
                "pattern 'filter*' matches no search identifier");
        assertContains(reject("selection:\n    a: 1\ncondition: selection or\n").problem(), "ends early");
    }

    @Test
    void structuralErrors() {
        assertContains(reject("selection:\n    a: 1\n").problem(), "has no 'condition'");
        assertContains(reject("selection: []\ncondition: selection\n").problem(), "empty list");
        assertContains(reject("selection:\n    a:\n        b: 1\ncondition: selection\n").problem(), "has a mapping as value");
        RuleSyntaxException noDetection = assertThrows(RuleSyntaxException.class,
                () -> RuleCompiler.compile("title: t\nlogsource: {}\n", "nodet.yml"));
        assertContains(noDetection.problem(), "missing required attribute 'detection'");
        RuleSyntaxException level = assertThrows(RuleSyntaxException.class, () -> RuleCompiler.compile(
                "title: t\nlevel: severe\nlogsource: {}\ndetection:\n  s: {a: 1}\n  condition: s\n", "level.yml"));
        assertEquals("level.yml:2:8", level.location().toString());
        assertContains(level.problem(), "expected one of informational");
    }

    @Test
    void loaderReportsBadFilesAndKeepsGoodOnes(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("nested"));
        Files.writeString(dir.resolve("good.yml"), RuleFixture.rule("s:\n    a: 1\ncondition: s\n").replace("test-rule", "good-id"));
        Files.writeString(dir.resolve("nested/broken.yaml"), "title: [unclosed\n");
        Files.writeString(dir.resolve("nested/modifier.yml"),
                RuleFixture.rule("s:\n    a|base46: x\ncondition: s\n").replace("test-rule", "mod-id"));
        Files.writeString(dir.resolve("nested/same-id.yml"), RuleFixture.rule("s:\n    b: 1\ncondition: s\n").replace("test-rule", "good-id"));
        Files.writeString(dir.resolve("notes.txt"), "not a rule");
        Files.write(dir.resolve("latin1.yml"), new byte[] {'t', 'i', 't', 'l', 'e', ':', ' ', (byte) 0xE9, '\n'});

        LoadedRules loaded = RuleLoader.loadDirectories(List.of(dir, dir.resolve("missing")));

        assertEquals(1, loaded.ruleCount());
        List<String> errors = loaded.errors().stream().map(RuleError::toString).toList();
        assertEquals(5, errors.size(), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(dir.resolve("nested/broken.yaml") + ":") && e.contains("invalid YAML")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(dir.resolve("nested/modifier.yml") + ":7:9: unknown modifier 'base46'")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("duplicate rule id 'good-id'")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("latin1.yml: not valid UTF-8")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("missing: rule directory does not exist")), errors.toString());
    }

    @Test
    void loadAddsTheBundledPackToDirectories(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("extra.yml"), RuleFixture.rule("s:\n    a: 1\ncondition: s\n"));
        LoadedRules loaded = RuleLoader.load(List.of(dir));
        assertEquals(List.of(), loaded.errors());
        assertEquals(RuleLoader.bundledRuleFiles().size() + 1, loaded.ruleCount());
    }
}
