package org.socd.rules.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.socd.rules.sigma.SigmaString.AnyChar;
import org.socd.rules.sigma.SigmaString.AnySequence;
import org.socd.rules.sigma.SigmaString.Literal;

class SigmaStringTest {

    @Test
    void wildcardsSplitTheLiteral() {
        assertEquals(List.of(new Literal("prog"), new AnyChar(), new Literal(".exe")), SigmaString.parse("prog?.exe").parts());
        assertEquals(List.of(new AnySequence(), new Literal("\\cmd.exe")), SigmaString.parse("*\\cmd.exe").parts());
    }

    @Test
    void escapesFollowTheSpecification() {
        // \* and \? are literal wildcard characters.
        assertEquals(List.of(new Literal("a*b?c")), SigmaString.parse("a\\*b\\?c").parts());
        // \\* is a literal backslash followed by a wildcard.
        assertEquals(List.of(new Literal("a\\"), new AnySequence()), SigmaString.parse("a\\\\*").parts());
        // \\\* is a literal backslash and a literal star.
        assertEquals(List.of(new Literal("a\\*")), SigmaString.parse("a\\\\\\*").parts());
        // A plain backslash stays, single or doubled, and four are two.
        assertEquals(List.of(new Literal("C:\\Windows\\System32")), SigmaString.parse("C:\\Windows\\System32").parts());
        assertEquals(List.of(new Literal("C:\\Windows")), SigmaString.parse("C:\\\\Windows").parts());
        assertEquals(List.of(new Literal("\\\\srv")), SigmaString.parse("\\\\\\\\srv").parts());
        assertEquals(List.of(new Literal("\\\\srv")), SigmaString.parse("\\\\\\srv").parts());
        // A trailing backslash is literal.
        assertEquals(List.of(new Literal("dir\\")), SigmaString.parse("dir\\").parts());
    }

    @Test
    void numbersAreLiteralAndWildcardsAreAddedOnce() {
        assertEquals(List.of(new Literal("4*")), SigmaString.literal("4*").parts());
        SigmaString contains = SigmaString.parse("*x*").prependAnySequence().appendAnySequence();
        assertEquals(List.of(new AnySequence(), new Literal("x"), new AnySequence()), contains.parts());
        assertEquals(List.of(), SigmaString.parse("").parts());
    }
}
