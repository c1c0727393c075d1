package org.socd.rules.compile;

import java.util.Random;

/**
 * Random small regular expressions and texts over a few characters, for properties that
 * must hold against RE2/J itself (a length never above the shortest match, a pre-check never
 * refusing a real match). The atoms are the constructs the readers handle specially: classes,
 * escapes, assertions, groups, alternation, flags, counted repetition and a long run.
 */
final class RandomRegexes {

    private static final String[] CLASSES =
            {"[ab]", "[^a]", "[]a]", "[aA]", "[a-c]", "[ \"]", "[\\d.]", "[a\\-b]", "[[:alpha:]]"};
    private static final String[] ESCAPES = {"\\s", "\\w", "\\b", "\\x61", "\\{", "^", "$", "\\.", "\\d", "\\W"};
    private static final String[] QUANTIFIERS = {"*", "+", "?", "{2}", "{1,3}", "{2,}", "+?", "{,2}", "{1}"};

    private RandomRegexes() {
    }

    static String regex(Random random, int depth) {
        StringBuilder regex = new StringBuilder();
        int atoms = 1 + random.nextInt(5);
        for (int i = 0; i < atoms; i++) {
            int kind = random.nextInt(depth > 0 ? 13 : 10);
            switch (kind) {
                case 0, 1, 2 -> regex.append("ab{}, .\"".charAt(random.nextInt(8)));
                case 3 -> regex.append(CLASSES[random.nextInt(CLASSES.length)]);
                case 4 -> regex.append(ESCAPES[random.nextInt(ESCAPES.length)]);
                case 5, 6, 7, 8 -> regex.append(random.nextBoolean() ? "a" : "b");
                case 9 -> regex.append("[ab1]{8,}");
                case 10 -> regex.append('(').append(regex(random, depth - 1)).append(')');
                case 11 -> regex.append("(?:").append(regex(random, depth - 1)).append('|')
                        .append(regex(random, depth - 1)).append(')');
                default -> regex.append("(?i)");
            }
            if (random.nextInt(3) == 0) {
                regex.append(QUANTIFIERS[random.nextInt(QUANTIFIERS.length)]);
            }
        }
        if (random.nextInt(6) == 0) {
            regex.append('|').append(regex(random, depth - 1));
        }
        return regex.toString();
    }

    /** Text over the regexes' characters, now and then the long s that RE2/J folds to 's'. */
    static String text(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append("abAB{}, x.\"1\u017f".charAt(random.nextInt(random.nextInt(20) == 0 ? 13 : 12)));
        }
        return text.toString();
    }
}
