package org.socd.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The literal a regex match must contain: only ever a necessary one, never a guess. */
class RequiredLiteralsTest {

    @Test
    void regexLiterals() {
        assertEquals("powershell", RequiredLiterals.regexLiteral("powershell.*-enc"));
        assertEquals("\\temp\\", RequiredLiterals.regexLiteral("\\\\temp\\\\[a-z]+\\.exe"));
        assertEquals("abc", RequiredLiterals.regexLiteral("x?abc+d*"));
        assertEquals("ef", RequiredLiterals.regexLiteral("(abcd)?ef"));
        assertEquals("mimikatz", RequiredLiterals.regexLiteral("(?i)mimikatz\\s+"));
        assertEquals("ab", RequiredLiterals.regexLiteral("abc{0,3}[xyz]{2}"));
        assertNull(RequiredLiterals.regexLiteral("cmd|powershell"));
        assertNull(RequiredLiterals.regexLiteral("\\x41\\x42\\x43"));
        assertNull(RequiredLiterals.regexLiteral("[a-z]+\\d*"));
    }

    @Test
    void regexAlternations() {
        assertEquals(java.util.List.of("invoke-expression", "iex"), RequiredLiterals.regexAlternatives("(?i)(invoke-expression|iex\\s)"));
        assertEquals(java.util.List.of("abc", "def"), RequiredLiterals.regexAlternatives("abc|x?def+"));
        assertEquals(java.util.List.of("powershell"), RequiredLiterals.regexAlternatives("powershell.*-enc"));
        assertNull(RequiredLiterals.regexAlternatives("abc|[0-9]+"));
        assertNull(RequiredLiterals.regexAlternatives("(abc)|(def)x|y"));
        assertEquals(java.util.List.of("ab", "cd"), RequiredLiterals.regexAlternatives("(?:ab|cd)"));
        assertNull(RequiredLiterals.regexAlternatives("(ab|cd)(ef|gh)"));
    }
}
