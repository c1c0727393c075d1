package org.socd.rules.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.socd.rules.matching.ValuePattern;
import org.socd.rules.sigma.SigmaString;

class PatternCompilerTest {

    private static ValuePattern folded(String sigma) {
        return PatternCompiler.compile(SigmaString.parse(sigma), false);
    }

    @Test
    void commonShapesBecomeStringOperations() {
        assertEquals(new ValuePattern.Exact("cmd.exe", true), folded("CMD.exe"));
        assertEquals(new ValuePattern.Prefix("cmd", true), folded("cmd*"));
        assertEquals(new ValuePattern.Suffix("\\cmd.exe", true), folded("*\\cmd.exe"));
        assertEquals(new ValuePattern.Substring("cmd", true), folded("*cmd*"));
        assertEquals(new ValuePattern.Prefix("", true), folded("*"));
        assertEquals(new ValuePattern.Exact("", true), folded(""));
        assertEquals(new ValuePattern.Exact("Cmd", false), PatternCompiler.compile(SigmaString.parse("Cmd"), true));
    }

    @Test
    void otherShapesAreAnchoredGlobs() {
        ValuePattern glob = folded("prog?.exe");
        assertInstanceOf(ValuePattern.Glob.class, glob);
        assertTrue(glob.test("proga.exe"));
        assertFalse(glob.test("prog.exe"));
        assertFalse(glob.test("progab.exe"));
        assertFalse(glob.test("xproga.exe"));

        ValuePattern inner = folded("a*b*c");
        assertTrue(inner.test("abc"));
        assertTrue(inner.test("a\nxb\nyc"), "wildcards span line breaks");
        assertFalse(inner.test("abcd"));
    }

    @Test
    void regexMetacharactersInLiteralsAreQuoted() {
        ValuePattern glob = folded("a.b*(c)");
        assertTrue(glob.test("a.bxx(c)"));
        assertFalse(glob.test("axbxx(c)"));
    }
}
