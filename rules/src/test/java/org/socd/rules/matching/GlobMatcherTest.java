package org.socd.rules.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.socd.rules.compile.PatternCompiler;
import org.socd.rules.sigma.SigmaString;

/** The segment matcher agrees with the equivalent anchored regex on random patterns and values. */
class GlobMatcherTest {

    @Test
    void agreesWithRegex() {
        Random random = new Random(7);
        for (int round = 0; round < 5000; round++) {
            String pattern = random(random, "ab*?", 1 + random.nextInt(7));
            String value = random(random, "abc", random.nextInt(14));
            String regex = pattern.replace("*", ".*").replace("?", ".");
            boolean expected = java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.DOTALL).matcher(value).matches();
            assertEquals(expected, PatternCompiler.compile(SigmaString.parse(pattern), true).test(value), pattern + " vs " + value);
        }
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
