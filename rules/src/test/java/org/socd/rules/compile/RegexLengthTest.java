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
            String regex = randomRegex(random, 3);
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (RuntimeException e) {
                continue;
            }
            int minimum = RegexLength.minimum(regex);
            for (int t = 0; t < 20; t++) {
                String text = randomText(random, random.nextInt(30));
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

    private static String randomRegex(Random random, int depth) {
        StringBuilder regex = new StringBuilder();
        int atoms = 1 + random.nextInt(4);
        for (int i = 0; i < atoms; i++) {
            int kind = random.nextInt(depth > 0 ? 12 : 9);
            switch (kind) {
                case 0, 1, 2 -> regex.append("ab{}, ".charAt(random.nextInt(6)));
                case 3 -> regex.append('.');
                case 4 -> regex.append(new String[] {"[ab]", "[^a]", "[]a]", "[[:alpha:]]"}[random.nextInt(4)]);
                case 5 -> regex.append(new String[] {"\\s", "\\w", "\\b", "\\x61", "\\{", "^", "$"}[random.nextInt(7)]);
                case 6, 7, 8 -> regex.append(random.nextBoolean() ? "a" : "b");
                case 9 -> regex.append('(').append(randomRegex(random, depth - 1)).append(')');
                case 10 -> regex.append("(?:").append(randomRegex(random, depth - 1)).append('|')
                        .append(randomRegex(random, depth - 1)).append(')');
                default -> regex.append("(?i)");
            }
            if (random.nextInt(3) == 0) {
                regex.append(new String[] {"*", "+", "?", "{2}", "{1,3}", "{2,}", "+?", "{,2}"}[random.nextInt(8)]);
            }
        }
        if (random.nextInt(5) == 0) {
            regex.append('|').append(randomRegex(random, depth - 1));
        }
        return regex.toString();
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append("abAB{}, x".charAt(random.nextInt(9)));
        }
        return text.toString();
    }
}
