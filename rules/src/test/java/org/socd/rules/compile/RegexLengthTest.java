package org.socd.rules.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The minimum match length is a true lower bound: RE2/J never finds a shorter match. */
class RegexLengthTest {

    @Test
    void boundsOfCommonShapes() {
        assertEquals(1000, RegexLength.minimum(".{1000,}"));
        assertEquals(82, RegexLength.minimum("\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}"));
        assertEquals(1, RegexLength.minimum("a|bc"));
        assertEquals(3, RegexLength.minimum("(?i)abc"));
        assertEquals(2, RegexLength.minimum("x{2,}?"));
        assertEquals(3, RegexLength.minimum("[]a]{3}"));
        assertEquals(0, RegexLength.minimum("(ab)*"));
        assertEquals(3, RegexLength.minimum("\\bfoo\\b"));
        assertEquals(5, RegexLength.minimum("a{,3}"), "'{' without a count is a literal in RE2");
        assertEquals(4, RegexLength.minimum("(?P<n>ab)(?i:c)[[:alpha:]]"));
        assertEquals(2, RegexLength.minimum("\\x41\\p{L}"));
        assertEquals(0, RegexLength.minimum("\\Qab\\E"), "not read: no claim");
        assertEquals(0, RegexLength.minimum("(?=x)"), "not RE2: no claim");
    }

    @Test
    void neverAboveTheShortestMatchOnRandomRegexes() {
        Random random = new Random(7);
        int checked = 0;
        for (int round = 0; round < 5000; round++) {
            String regex = RandomRegexes.regex(random, 3);
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (RuntimeException e) {
                continue;
            }
            int minimum = RegexLength.minimum(regex);
            for (int t = 0; t < 20; t++) {
                String text = RandomRegexes.text(random, random.nextInt(30));
                Matcher m = pattern.matcher(text);
                int from = 0;
                while (from <= text.length() && m.find(from)) {
                    assertTrue(m.end() - m.start() >= minimum,
                            regex + " matched '" + m.group() + "' shorter than " + minimum + " in '" + text + "'");
                    checked++;
                    from = m.start() + 1;
                }
            }
        }
        assertTrue(checked > 1000, "too few matches to mean anything: " + checked);
    }
}
