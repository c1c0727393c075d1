package org.socd.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socd.rules.compile.RegexLiterals;
import org.socd.rules.matching.Conjunction;
import org.socd.rules.matching.Disjunction;
import org.socd.rules.matching.FieldMatcher;
import org.socd.rules.matching.Matcher;
import org.socd.rules.matching.Negation;
import org.socd.rules.matching.ValuePattern;

/** The literal a regex match must contain: only ever a necessary one, never a guess. */
class RequiredLiteralsTest {

    @Test
    void regexLiterals() {
        assertEquals("powershell", RegexLiterals.literal("powershell.*-enc"));
        assertEquals("\\temp\\", RegexLiterals.literal("\\\\temp\\\\[a-z]+\\.exe"));
        assertEquals("abc", RegexLiterals.literal("x?abc+d*"));
        assertEquals("ef", RegexLiterals.literal("(abcd)?ef"));
        assertEquals("mimikatz", RegexLiterals.literal("(?i)mimikatz\\s+"));
        assertEquals("ab", RegexLiterals.literal("abc{0,3}[xyz]{2}"));
        assertNull(RegexLiterals.literal("cmd|powershell"));
        assertNull(RegexLiterals.literal("\\x41\\x42\\x43"));
        assertNull(RegexLiterals.literal("[a-z]+\\d*"));
        assertEquals("user=", RegexLiterals.literal("[[:alpha:]]+user="), "a POSIX class's ']' does not end the class");
        assertNull(RegexLiterals.literal("[[:alpha:]]"), "no ']' is required by [[:alpha:]]");
    }

    @Test
    void regexAlternations() {
        assertEquals(java.util.List.of("invoke-expression", "iex"), RegexLiterals.alternatives("(?i)(invoke-expression|iex\\s)"));
        assertEquals(java.util.List.of("abc", "def"), RegexLiterals.alternatives("abc|x?def+"));
        assertEquals(java.util.List.of("powershell"), RegexLiterals.alternatives("powershell.*-enc"));
        assertNull(RegexLiterals.alternatives("abc|[0-9]+"));
        assertNull(RegexLiterals.alternatives("(abc)|(def)x|y"));
        assertEquals(java.util.List.of("ab", "cd"), RegexLiterals.alternatives("(?:ab|cd)"));
        assertNull(RegexLiterals.alternatives("(ab|cd)(ef|gh)"));
        assertEquals(java.util.List.of("powershell"), RegexLiterals.alternatives("cmd.{0,5}(?:/c|/r).+powershell"));
        assertEquals(java.util.List.of("x-"), RegexLiterals.alternatives("(a|b)?x-(c|d)"));
    }

    @Test
    void everyOperandOfAConjunctionGivesAClauseMostSelectiveFirst() {
        Matcher rule = and(contains("Image", "\\windows\\"), contains("CommandLine", "-encodedcommand", " -enc "), not(contains("User", "system")));
        assertEquals(List.of(
                        List.of(literal("Image", "\\windows\\")),
                        List.of(literal("CommandLine", "-encodedcommand"), literal("CommandLine", " -enc "))),
                RequiredLiterals.clauses(rule, 4));
        assertEquals(List.of(List.of(literal("Image", "\\windows\\"))), RequiredLiterals.clauses(rule, 1));
    }

    @Test
    void theClausesOfADisjunctionArePairedByRank() {
        // (Image and CommandLine) or ParentImage: both "Image or ParentImage" and
        // "CommandLine or ParentImage" hold whenever the rule matches.
        Matcher rule = or(and(contains("Image", "\\windows\\"), contains("CommandLine", "\\..\\..\\")),
                contains("ParentImage", ".exe\\..\\"));
        assertEquals(List.of(
                        List.of(literal("Image", "\\windows\\"), literal("ParentImage", ".exe\\..\\")),
                        List.of(literal("CommandLine", "\\..\\..\\"), literal("ParentImage", ".exe\\..\\"))),
                RequiredLiterals.clauses(rule, 4));
    }

    @Test
    void aBranchWithoutALiteralLeavesTheDisjunctionWithoutClauses() {
        Matcher rule = and(contains("Image", "\\cmd.exe"), or(contains("CommandLine", " /c "), not(contains("User", "system"))));
        assertEquals(List.of(List.of(literal("Image", "\\cmd.exe"))), RequiredLiterals.clauses(rule, 4));
        assertEquals(List.of(), RequiredLiterals.clauses(not(contains("Image", "\\cmd.exe")), 4));
    }

    @Test
    void eachValueOfAnAllListIsAClause() {
        Matcher rule = new FieldMatcher("CommandLine",
                List.of(new ValuePattern.Substring("ping", true), new ValuePattern.Substring("127.0.0.1", true)), true);
        assertEquals(List.of(List.of(literal("CommandLine", "127.0.0.1")), List.of(literal("CommandLine", "ping"))),
                RequiredLiterals.clauses(rule, 4));
    }

    private static Matcher contains(String field, String... texts) {
        return new FieldMatcher(field, Arrays.stream(texts).map(t -> (ValuePattern) new ValuePattern.Substring(t, true)).toList(), false);
    }

    private static Matcher and(Matcher... operands) {
        return new Conjunction(List.of(operands));
    }

    private static Matcher or(Matcher... operands) {
        return new Disjunction(List.of(operands));
    }

    private static Matcher not(Matcher operand) {
        return new Negation(operand);
    }

    private static RequiredLiterals.Literal literal(String field, String text) {
        return new RequiredLiterals.Literal(field, text);
    }
}
