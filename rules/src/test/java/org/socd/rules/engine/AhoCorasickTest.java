package org.socd.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The automaton finds exactly the patterns String.contains finds, overlapping and nested ones included. */
class AhoCorasickTest {

    @Test
    void agreesWithContainsOnRandomInput() {
        agreesWithContains(AhoCorasick.DEFAULT_DENSE_CELLS);
    }

    /** Only the root (or a few nodes) dense: the sparse children and failure walk do the work. */
    @Test
    void agreesWithContainsWhenMostNodesAreSparse() {
        agreesWithContains(1);
        agreesWithContains(40);
    }

    private static void agreesWithContains(int denseCells) {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            List<String> patterns = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                patterns.add(randomText(random, 1 + random.nextInt(5), PATTERN_CHARS));
            }
            AhoCorasick automaton = new AhoCorasick(patterns, denseCells);
            // Texts also contain 'z', which no pattern does (the class that always leads to the root).
            String text = randomText(random, random.nextInt(40), PATTERN_CHARS + "z");
            Set<Integer> found = new TreeSet<>();
            automaton.search(text, found::add);
            assertEquals(containedIn(patterns, text), found, patterns + " in " + text);
        }
    }

    /** Case folded while scanning: the same hits as a search of the lower-cased text, or a refusal at non-ASCII. */
    @Test
    void asciiCaseFoldingAgreesWithLowerCasedText() {
        Random random = new Random(43);
        for (int round = 0; round < 300; round++) {
            List<String> patterns = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                patterns.add(randomText(random, 1 + random.nextInt(5), PATTERN_CHARS));
            }
            AhoCorasick automaton = new AhoCorasick(patterns, round % 2 == 0 ? 1 : AhoCorasick.DEFAULT_DENSE_CELLS);
            String text = randomText(random, random.nextInt(40), round % 3 == 0 ? "aAbBcC\\z€" : "aAbBcC\\z");
            boolean complete = foldingScanAgrees(automaton, patterns, text);
            assertEquals(text.chars().allMatch(c -> c < 128), complete, text);
        }
    }

    /**
     * Long patterns: the scan skips at the root. Complete answers must equal a search of the
     * lower-cased text, non-ASCII characters (and 'İ', which lower-cases to two) included.
     */
    @Test
    void skippingAgreesWithLowerCasedText() {
        Random random = new Random(44);
        int complete = 0;
        for (int round = 0; round < 2000; round++) {
            List<String> patterns = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                patterns.add(randomText(random, AhoCorasick.SKIP_MIN_LENGTH + random.nextInt(4), "abc:i"));
            }
            AhoCorasick automaton = new AhoCorasick(patterns, round % 2 == 0 ? 1 : AhoCorasick.DEFAULT_DENSE_CELLS);
            assertTrue(automaton.skips());
            String text = randomText(random, random.nextInt(60), round % 3 == 0 ? "aAbBcC:iIzx\u0130\u00e9" : "aAbBcC:iIzx");
            if (random.nextBoolean()) {
                // Plant a pattern, in random case, so that there is something to find.
                String planted = patterns.get(random.nextInt(patterns.size()));
                int at = random.nextInt(text.length() + 1);
                text = text.substring(0, at) + (random.nextBoolean() ? planted.toUpperCase(java.util.Locale.ROOT) : planted)
                        + text.substring(at);
            }
            if (foldingScanAgrees(automaton, patterns, text)) {
                complete++;
            }
        }
        assertTrue(complete > 1200, "too few complete scans: " + complete);
        assertFalse(new AhoCorasick(List.of("abc", "abcdef")).skips(), "a short pattern: nothing to skip");
        assertFalse(new AhoCorasick(List.of("abcdé")).skips(), "non-ASCII patterns: not sound to skip");
    }

    /**
     * More nodes than a dense cell can name (15 bits): rows are cut where a transition would lead
     * beyond, and the deep nodes, sparse, still find every pattern exactly.
     */
    @Test
    void agreesWithContainsBeyondFifteenBitNodeIds() {
        Random random = new Random(45);
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            patterns.add(randomText(random, 8 + random.nextInt(25), "abcdefghijklmnop\\.: "));
        }
        // Room for a dense row per node: only the 15-bit cut keeps rows from the deepest nodes.
        AhoCorasick automaton = new AhoCorasick(patterns, 1 << 24);
        assertTrue(automaton.nodes() > 1 << 15, "too few nodes to test the cut: " + automaton.nodes());
        assertTrue(automaton.denseNodes() > 1 << 14 && automaton.denseNodes() < 1 << 15, "dense rows: " + automaton.denseNodes());
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < 3; k++) {
                // Patterns between random text, the first whole, the others perhaps cut short:
                // scans reach deep nodes and fall back from them.
                text.append(randomText(random, random.nextInt(15), "abcdefghijklmnopqz\\.: "));
                String planted = patterns.get(random.nextInt(patterns.size()));
                text.append(planted, 0, planted.length() - (k == 0 ? 0 : random.nextInt(3)));
            }
            Set<Integer> found = new TreeSet<>();
            automaton.search(text.toString(), found::add);
            Set<Integer> foldedFound = new TreeSet<>();
            assertTrue(automaton.searchAsciiIgnoringCase(text.toString().toUpperCase(java.util.Locale.ROOT), foldedFound::add));
            Set<Integer> expected = containedIn(patterns, text.toString());
            assertTrue(expected.size() >= 1, "a whole planted pattern at least: " + text);
            assertEquals(expected, found, "in " + text);
            assertEquals(expected, foldedFound, "in " + text);
        }
    }

    /** Patterns starting with more distinct characters than a dense cell can name: no dense row, a sparse root. */
    @Test
    void tooManyFirstCharactersForDenseRows() {
        List<String> patterns = new ArrayList<>();
        for (char c = '\u0100'; c < '\u0100' + 33_000; c++) {
            patterns.add(c + "x");
        }
        // The root has 33,000 children, so node 32,768 is one of them: the root row cannot be dense.
        AhoCorasick automaton = new AhoCorasick(patterns);
        assertTrue(automaton.nodes() > 1 << 16);
        Set<Integer> found = new TreeSet<>();
        automaton.search("a\u0100x\u0101\u0102xx\u81e7x\u81e8x", found::add);
        assertEquals(Set.of(0, 2, 33_000 - 1), found);
    }

    /**
     * Patterns with non-ASCII characters live in an automaton of their own, searched only when
     * the text is not ASCII: with both kinds mixed, a search still reports exactly what contains
     * does, and the folding scan of an ASCII text everything its lower-cased form contains.
     */
    @Test
    void asciiAndNonAsciiPatternsTogether() {
        Random random = new Random(46);
        for (int round = 0; round < 500; round++) {
            List<String> patterns = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                patterns.add(randomText(random, 1 + random.nextInt(4), i % 3 == 0 ? "ab\u0430\u00e9" : "ab\\"));
            }
            AhoCorasick automaton = new AhoCorasick(patterns, round % 2 == 0 ? 8 : AhoCorasick.DEFAULT_DENSE_CELLS);
            String text = randomText(random, random.nextInt(30), round % 2 == 0 ? "abAB\\z" : "ab\\\u0430\u00e9z");
            Set<Integer> found = new TreeSet<>();
            automaton.search(text, found::add);
            assertEquals(containedIn(patterns, text), found, patterns + " in " + text);
            if (!foldingScanAgrees(automaton, patterns, text)) {
                assertTrue(text.chars().anyMatch(c -> c >= 128), "gave up on an ASCII text: " + text);
            }
        }
    }

    @Test
    void windowsPaths() {
        AhoCorasick automaton = new AhoCorasick(List.of("\\whoami.exe", "ami", "whoami", "\\cmd.exe", "-enc"));
        Set<Integer> found = new TreeSet<>();
        automaton.search("c:\\windows\\system32\\whoami.exe", found::add);
        assertEquals(Set.of(0, 1, 2), found);
    }

    /** The indexes of the patterns {@code text} contains: exactly what a search must report. */
    private static Set<Integer> containedIn(List<String> patterns, String text) {
        Set<Integer> expected = new TreeSet<>();
        for (int i = 0; i < patterns.size(); i++) {
            if (text.contains(patterns.get(i))) {
                expected.add(i);
            }
        }
        return expected;
    }

    /**
     * The case-folding scan of {@code text}: when complete it reports exactly the patterns the
     * lower-cased text contains; when it gives up (non-ASCII), only true hits before that.
     *
     * @return whether the scan was complete
     */
    private static boolean foldingScanAgrees(AhoCorasick automaton, List<String> patterns, String text) {
        Set<Integer> expected = containedIn(patterns, text.toLowerCase(java.util.Locale.ROOT));
        Set<Integer> found = new TreeSet<>();
        boolean complete = automaton.searchAsciiIgnoringCase(text, found::add);
        if (complete) {
            assertEquals(expected, found, patterns + " in " + text);
        } else {
            assertTrue(expected.containsAll(found), "only true hits before giving up: " + found + " in " + text);
        }
        return complete;
    }

    /** A small alphabet so patterns overlap and nest; 'é' and '€' take the non-ASCII path. */
    private static final String PATTERN_CHARS = "abc\\é€";

    private static String randomText(Random random, int length, String chars) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(chars.charAt(random.nextInt(chars.length())));
        }
        return text.toString();
    }
}
