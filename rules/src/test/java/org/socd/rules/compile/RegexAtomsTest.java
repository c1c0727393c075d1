package org.socd.rules.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.socd.rules.matching.CharacterRun;

/** The necessary texts and character runs read from regexes: what they find, and that they never reject a match. */
class RegexAtomsTest {

    @Test
    void expandsSmallSetsIntoTexts() {
        // Raspberry Robin: no plain run of two characters, but '.' then one of three.
        assertEquals(List.of(". ", ".\"", ".'"),
                RegexLiterals.alternatives("\\\\[a-zA-Z0-9]{1,32}\\.[a-zA-Z0-9]{1,6}\\.[ \"']{1}"));
        assertEquals(List.of("ab", "xb"), RegexLiterals.expanded("[aAxX]b"));
        assertEquals(List.of("ab"), RegexLiterals.expanded("(?i)z?ab+[0-9]"), "x+ ends a text; z? is not in it");
        assertEquals(List.of("bc"), RegexLiterals.expanded("a*b+c"));
        assertNull(RegexLiterals.expanded("[a-z]+\\d"), "sets too large");
        assertNull(RegexLiterals.expanded("a|b"), "alternation is read by alternatives()");
        assertNull(RegexLiterals.expanded("\\Qab\\E"));
        assertNull(RegexLiterals.expanded("ab(?i)*"), "a quantifier after flags binds elsewhere in RE2/J");
        assertEquals(List.of("ab"), RegexLiterals.expanded("^a\\bb$"), "zero-width assertions keep neighbours adjacent");
    }

    @Test
    void findsLongRunsOfOneSet() {
        CharacterRun snake = RegexAtoms.longestRun("\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}");
        assertNotNull(snake);
        assertEquals(64, snake.length());
        assertTrue(snake.occursIn("x " + "ab".repeat(32) + " 0123456789abcdef"));
        assertFalse(snake.occursIn("x " + "ab".repeat(31) + "g" + "ab".repeat(20)));
        assertTrue(RegexAtoms.longestRun("(?i)[a-f]{8}").occursIn("ABCDEFAB"), "letters count in both cases");
        assertTrue(RegexAtoms.longestRun("[a-f]{8}").occursIn("abc\u00e9\u00e9fab"), "non-ASCII always counts");
        assertNull(RegexAtoms.longestRun("[a-f]{7}"), "too short to be worth it");
        assertNull(RegexAtoms.longestRun(".{100}"), "any character: no condition");
        assertNull(RegexAtoms.longestRun("[a-f]{8}|x"));
        assertEquals(10, RegexAtoms.longestRun("[^ ]{10,}").length());
    }

    @Test
    void neverRejectAMatchOnRandomRegexes() {
        Random random = new Random(11);
        int checked = 0;
        for (int round = 0; round < 10000; round++) {
            String regex = RandomRegexes.regex(random, 3);
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (RuntimeException e) {
                continue;
            }
            List<String> texts = RegexLiterals.alternatives(regex);
            CharacterRun run = RegexAtoms.longestRun(regex);
            for (int t = 0; t < 20; t++) {
                String text = RandomRegexes.text(random, random.nextInt(40));
                Matcher m = pattern.matcher(text);
                if (!m.find()) {
                    continue;
                }
                String match = m.group().toLowerCase(Locale.ROOT);
                if (texts != null) {
                    assertTrue(texts.stream().anyMatch(match::contains), regex + " matched '" + match + "' without any of " + texts);
                    checked++;
                }
                if (run != null) {
                    assertTrue(run.occursIn(m.group()), regex + " matched '" + m.group() + "' without " + run);
                    checked++;
                }
            }
        }
        assertTrue(checked > 1000, "too few checked matches to mean anything: " + checked);
    }
}
