package org.socd.rules.compile;

/**
 * A lower bound on the length of any match of an RE2 regular expression, so that a value too
 * short to match is rejected without running RE2/J ({@code .{1000,}}, 64 hex digits, ...).
 * Deliberately conservative: a construct it does not know makes the bound 0, never a guess.
 */
public final class RegexLength {

    private final String regex;
    private int at;
    /** Whether the last atom was a flags-only group like {@code (?i)}. */
    private boolean flagsOnly;

    private RegexLength(String regex) {
        this.regex = regex;
    }

    /** Characters every match has at least (code points, each one or two chars); 0 if unknown. */
    public static int minimum(String regex) {
        try {
            RegexLength parser = new RegexLength(regex);
            long length = parser.alternation();
            if (parser.at != regex.length()) {
                return 0; // an unbalanced ')': RE2 would have rejected it; claim nothing
            }
            return (int) Math.min(length, Integer.MAX_VALUE);
        } catch (Unknown e) {
            return 0;
        }
    }

    /** A construct this reading does not cover. */
    private static final class Unknown extends Exception {
        Unknown() {
            super(null, null, false, false);
        }
    }

    private long alternation() throws Unknown {
        long shortest = sequence();
        while (at < regex.length() && regex.charAt(at) == '|') {
            at++;
            shortest = Math.min(shortest, sequence());
        }
        return shortest;
    }

    private long sequence() throws Unknown {
        long total = 0;
        while (at < regex.length() && regex.charAt(at) != '|' && regex.charAt(at) != ')') {
            flagsOnly = false;
            long atom = atom();
            if (flagsOnly && at < regex.length() && "*+?{".indexOf(regex.charAt(at)) >= 0) {
                throw new Unknown(); // RE2/J lets a quantifier after (?i) bind to something earlier
            }
            total = Math.min(total + atom * quantifier(), 1L << 40);
        }
        return total;
    }

    /** The minimum repeat count of a quantifier at the current position (1 when there is none). */
    private long quantifier() throws Unknown {
        long times = 1;
        while (at < regex.length()) {
            char c = regex.charAt(at);
            if (c == '*' || c == '?') {
                times = 0;
                at++;
            } else if (c == '+') {
                at++;
            } else if (c == '{' && repeat() >= 0) {
                times *= repeat();
                at = regex.indexOf('}', at) + 1;
            } else {
                break;
            }
            if (at < regex.length() && regex.charAt(at) == '?') {
                at++; // lazy: same lengths
            }
        }
        return times;
    }

    /** The lower count of a {n}, {n,} or {n,m} at the current position, or -1 when '{' is a literal there. */
    private int repeat() {
        int i = at + 1;
        int start = i;
        while (i < regex.length() && isAsciiDigit(regex.charAt(i))) {
            i++;
        }
        if (i == start || i - start > 4) {
            return -1;
        }
        int n = Integer.parseInt(regex.substring(start, i));
        if (i < regex.length() && regex.charAt(i) == ',') {
            i++;
            while (i < regex.length() && isAsciiDigit(regex.charAt(i))) {
                i++;
            }
        }
        return i < regex.length() && regex.charAt(i) == '}' ? n : -1;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private long atom() throws Unknown {
        char c = regex.charAt(at);
        switch (c) {
            case '(':
                return group();
            case '[':
                characterClass();
                return 1;
            case '\\':
                return escape();
            case '^':
            case '$':
                at++;
                return 0;
            case '*':
            case '+':
            case '?':
                throw new Unknown(); // a quantifier without an atom: invalid, claim nothing
            default:
                at++;
                return 1; // '.', a literal, or a '{' that is not a repeat
        }
    }

    private long group() throws Unknown {
        at++;
        if (regex.startsWith("?", at)) {
            at++;
            if (regex.startsWith("P<", at) || regex.startsWith("<", at)) {
                int close = regex.indexOf('>', at);
                if (close < 0) {
                    throw new Unknown();
                }
                at = close + 1;
            } else {
                while (at < regex.length() && "imsU-".indexOf(regex.charAt(at)) >= 0) {
                    at++;
                }
                if (at < regex.length() && regex.charAt(at) == ')') {
                    at++;
                    flagsOnly = true;
                    return 0; // flags only, e.g. (?i)
                }
                if (at >= regex.length() || regex.charAt(at) != ':') {
                    throw new Unknown();
                }
                at++;
            }
        }
        long inner = alternation();
        if (at >= regex.length() || regex.charAt(at) != ')') {
            throw new Unknown();
        }
        at++;
        return inner;
    }

    private void characterClass() throws Unknown {
        int i = at + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length() && regex.charAt(i) != ']') {
            if (regex.charAt(i) == '\\') {
                i += 2;
            } else if (regex.startsWith("[:", i)) {
                int close = regex.indexOf(":]", i + 2);
                if (close < 0) {
                    throw new Unknown();
                }
                i = close + 2;
            } else {
                i++;
            }
        }
        if (i >= regex.length()) {
            throw new Unknown();
        }
        at = i + 1;
    }

    private long escape() throws Unknown {
        if (at + 1 >= regex.length()) {
            throw new Unknown();
        }
        char e = regex.charAt(at + 1);
        at += 2;
        if (!Character.isLetterOrDigit(e)) {
            return 1; // an escaped punctuation character is itself
        }
        if ("bBAz".indexOf(e) >= 0) {
            return 0;
        }
        if ("dwsDWSaftnrv".indexOf(e) >= 0) {
            return 1;
        }
        if (e == 'x' || e == 'p' || e == 'P') {
            if (at < regex.length() && regex.charAt(at) == '{') {
                int close = regex.indexOf('}', at);
                if (close < 0) {
                    throw new Unknown();
                }
                at = close + 1;
            } else {
                at += e == 'x' ? 2 : 1;
            }
            return 1;
        }
        throw new Unknown(); // \Q...\E, octal, \C and the rest: not worth reading
    }
}
