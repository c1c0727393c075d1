package org.socd.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.socd.rules.compile.RegexLiterals;

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
}
