package org.socd.rules.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.socd.rules.matching.CharacterRun;

/**
 * A deliberately conservative reading of an RE2 regular expression without top-level alternation
 * as a sequence of atoms (one character of a set, repeated {@code min..max} times), for deriving
 * cheap necessary conditions (texts, runs of characters) that spare running RE2/J. Anything it
 * does not read exactly (groups, {@code \p{..}}, POSIX classes, ...) becomes an {@link Atom#OPAQUE}
 * atom that ends every run; anything that could change how the rest is read ({@code \Q..\E},
 * a quantifier after a flags group, escapes it does not know) makes it read nothing at all.
 */
final class RegexAtoms {

    /**
     * One character drawn from {@code ascii} (index = character) or, when {@code nonAscii}, any
     * character at or above 128, repeated at least {@code min} and at most {@code max} times
     * ({@link Integer#MAX_VALUE}: unbounded). {@code ascii == null}: an opaque piece.
     */
    record Atom(boolean[] ascii, boolean nonAscii, int min, int max) {
        static final Atom OPAQUE = new Atom(null, true, 0, Integer.MAX_VALUE);

        boolean opaque() {
            return ascii == null;
        }

        /** Number of ASCII characters in the set. */
        int size() {
            int n = 0;
            for (boolean b : ascii) {
                n += b ? 1 : 0;
            }
            return n;
        }
    }

    /** Shorter runs of one set are too common in event values to be worth a check. */
    static final int MIN_RUN = 8;

    private final String regex;
    private int at;

    /**
     * The longest run of one character set every match of {@code regex} contains, for a check
     * before RE2/J; null when the regex has none of at least {@value #MIN_RUN} characters.
     * Letters count in both cases, whatever the regex's case flags.
     */
    static CharacterRun longestRun(String regex) {
        List<Atom> atoms = read(regex);
        if (atoms == null) {
            return null;
        }
        Atom best = null;
        for (Atom atom : atoms) {
            if (!atom.opaque() && atom.min() >= MIN_RUN && atom.size() < 128 && (best == null || atom.min() > best.min())) {
                best = atom;
            }
        }
        if (best == null) {
            return null;
        }
        boolean[] set = best.ascii().clone();
        for (char c = 'a'; c <= 'z'; c++) {
            char upper = (char) (c - 'a' + 'A');
            set[c] |= set[upper];
            set[upper] = set[c];
        }
        return new CharacterRun(set, best.min());
    }

    private RegexAtoms(String regex) {
        this.regex = regex;
    }

    /**
     * The atoms of {@code regex} in order, or null when it has a top-level alternation or a
     * construct that could make this reading wrong. Zero-width assertions ({@code ^ $ \b \B \A \z})
     * are left out: they consume nothing, so the atoms around them are adjacent in any match.
     */
    static List<Atom> read(String regex) {
        try {
            return new RegexAtoms(regex).sequence();
        } catch (Unreadable e) {
            return null;
        }
    }

    /** Something this reading does not cover. */
    private static final class Unreadable extends Exception {
        Unreadable() {
            super(null, null, false, false);
        }
    }

    private List<Atom> sequence() throws Unreadable {
        List<Atom> atoms = new ArrayList<>();
        while (at < regex.length()) {
            char c = regex.charAt(at);
            Atom atom;
            switch (c) {
                case '|', ')', '*', '+', '?' -> throw new Unreadable(); // alternation, or invalid
                case '^', '$' -> {
                    at++;
                    noQuantifier();
                    continue;
                }
                case '(' -> {
                    boolean flagsOnly = group();
                    if (flagsOnly) {
                        // RE2/J binds a quantifier here to something earlier.
                        if (at < regex.length() && "*+?{".indexOf(regex.charAt(at)) >= 0) {
                            throw new Unreadable();
                        }
                        continue; // case flags: the texts found are compared ignoring case anyway
                    }
                    atom = Atom.OPAQUE;
                }
                case '[' -> atom = characterClass();
                case '\\' -> {
                    atom = escape(false);
                    if (atom == null) {
                        noQuantifier();
                        continue; // zero-width
                    }
                }
                case '.' -> {
                    at++;
                    atom = any();
                }
                default -> {
                    at++;
                    atom = single(c);
                }
            }
            atoms.add(quantified(atom));
        }
        return atoms;
    }

    /** A quantified zero-width assertion ({@code \\b{1}}, {@code ^*}) is legal RE2 but not read here. */
    private void noQuantifier() throws Unreadable {
        if (at < regex.length() && ("*+?".indexOf(regex.charAt(at)) >= 0 || (regex.charAt(at) == '{' && repeat() != null))) {
            throw new Unreadable();
        }
    }

    /** {@code atom} with the repeat counts of the quantifier at the current position, if any. */
    private Atom quantified(Atom atom) throws Unreadable {
        if (at >= regex.length()) {
            return atom;
        }
        char c = regex.charAt(at);
        int min;
        int max;
        if (c == '*') {
            min = 0;
            max = Integer.MAX_VALUE;
            at++;
        } else if (c == '+') {
            min = 1;
            max = Integer.MAX_VALUE;
            at++;
        } else if (c == '?') {
            min = 0;
            max = 1;
            at++;
        } else if (c == '{' && repeat() != null) {
            int[] counts = repeat();
            min = counts[0];
            max = counts[1];
            at = regex.indexOf('}', at) + 1;
        } else {
            return atom;
        }
        if (at < regex.length() && regex.charAt(at) == '?') {
            at++; // lazy: the same matches, found in another order
        }
        if (at < regex.length() && ("*+?".indexOf(regex.charAt(at)) >= 0 || (regex.charAt(at) == '{' && repeat() != null))) {
            throw new Unreadable(); // a repeated repeat: RE2 rejects most, claim nothing
        }
        if (atom.opaque()) {
            return atom;
        }
        return new Atom(atom.ascii(), atom.nonAscii(), atom.min() * min, max == Integer.MAX_VALUE ? max : atom.max() * max);
    }

    /** {min, max} of a {n}, {n,} or {n,m} at the current position, or null when '{' is a literal there. */
    private int[] repeat() {
        int i = at + 1;
        int start = i;
        while (i < regex.length() && isDigit(regex.charAt(i))) {
            i++;
        }
        if (i == start || i - start > 4) {
            return null;
        }
        int min = Integer.parseInt(regex.substring(start, i));
        int max = min;
        if (i < regex.length() && regex.charAt(i) == ',') {
            i++;
            int from = i;
            while (i < regex.length() && isDigit(regex.charAt(i))) {
                i++;
            }
            if (i - from > 4) {
                return null;
            }
            max = i == from ? Integer.MAX_VALUE : Integer.parseInt(regex.substring(from, i));
        }
        return i < regex.length() && regex.charAt(i) == '}' ? new int[] {min, max} : null;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Skips a group; true if it was a flags-only group such as {@code (?i)}. */
    private boolean group() throws Unreadable {
        int open = at;
        int depth = 0;
        for (int i = at; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') {
                    throw new Unreadable(); // \Q...\E may hide brackets
                }
                i++;
            } else if (c == '[') {
                at = i;
                characterClass();
                i = at - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                at = i + 1;
                String inside = regex.substring(open + 1, i);
                return inside.length() > 1 && inside.charAt(0) == '?' && inside.substring(1).chars().allMatch(ch -> "imsU-".indexOf(ch) >= 0);
            }
        }
        throw new Unreadable();
    }

    /** A bracket expression at the current position. */
    private Atom characterClass() throws Unreadable {
        boolean[] set = new boolean[128];
        boolean nonAscii = false;
        int i = at + 1;
        boolean negated = i < regex.length() && regex.charAt(i) == '^';
        if (negated) {
            i++;
        }
        boolean first = true;
        while (i < regex.length() && (first || regex.charAt(i) != ']')) {
            first = false;
            char c = regex.charAt(i);
            if (regex.startsWith("[:", i)) {
                throw new Unreadable(); // POSIX class: not read
            }
            int lo;
            if (c == '\\') {
                at = i;
                Atom escaped = escape(true);
                i = at;
                if (escaped == null || escaped.opaque()) {
                    throw new Unreadable();
                }
                if (escaped.size() != 1 || escaped.nonAscii()) {
                    merge(set, escaped.ascii());
                    nonAscii |= escaped.nonAscii();
                    continue;
                }
                lo = firstSet(escaped.ascii());
            } else {
                lo = c;
                i++;
            }
            int hi = lo;
            if (i + 1 < regex.length() && regex.charAt(i) == '-' && regex.charAt(i + 1) != ']') {
                char h = regex.charAt(i + 1);
                if (h == '\\') {
                    at = i + 1;
                    Atom escaped = escape(true);
                    if (escaped == null || escaped.opaque() || escaped.size() != 1 || escaped.nonAscii()) {
                        throw new Unreadable();
                    }
                    hi = firstSet(escaped.ascii());
                    i = at;
                } else {
                    hi = h;
                    i += 2;
                }
            }
            for (int ch = lo; ch <= hi; ch++) {
                if (ch < 128) {
                    set[ch] = true;
                } else {
                    nonAscii = true;
                }
            }
        }
        if (i >= regex.length()) {
            throw new Unreadable();
        }
        at = i + 1;
        if (negated) {
            for (int ch = 0; ch < 128; ch++) {
                set[ch] = !set[ch];
            }
            nonAscii = true;
        }
        return atom(set, nonAscii);
    }

    private static int firstSet(boolean[] set) {
        for (int ch = 0; ch < set.length; ch++) {
            if (set[ch]) {
                return ch;
            }
        }
        return -1;
    }

    /**
     * The escape at the current position: an atom, null for a zero-width assertion, or an opaque
     * atom for escapes read only as far as their length ({@code \x41}, {@code \pL}).
     */
    private Atom escape(boolean inClass) throws Unreadable {
        if (at + 1 >= regex.length()) {
            throw new Unreadable();
        }
        char e = regex.charAt(at + 1);
        at += 2;
        if (e < 128 && !Character.isLetterOrDigit(e)) {
            return single(e);
        }
        switch (e) {
            case 'd', 'D' -> {
                return complementIf(e == 'D', range('0', '9'));
            }
            case 's', 'S' -> {
                boolean[] set = new boolean[128];
                for (char c : new char[] {'\t', '\n', '\f', '\r', ' '}) {
                    set[c] = true;
                }
                return complementIf(e == 'S', set);
            }
            case 'w', 'W' -> {
                boolean[] set = range('0', '9');
                merge(set, range('a', 'z'));
                merge(set, range('A', 'Z'));
                set['_'] = true;
                return complementIf(e == 'W', set);
            }
            case 'b', 'B', 'A', 'z' -> {
                if (inClass) {
                    throw new Unreadable();
                }
                return null;
            }
            case 'x', 'p', 'P' -> {
                if (at < regex.length() && regex.charAt(at) == '{') {
                    int close = regex.indexOf('}', at);
                    if (close < 0) {
                        throw new Unreadable();
                    }
                    at = close + 1;
                } else {
                    at += e == 'x' ? 2 : 1;
                }
                return Atom.OPAQUE;
            }
            default -> throw new Unreadable(); // \Q, octal, \C, \t and the rest: not read
        }
    }

    private static Atom complementIf(boolean complement, boolean[] set) {
        if (!complement) {
            return new Atom(set, false, 1, 1);
        }
        for (int c = 0; c < 128; c++) {
            set[c] = !set[c];
        }
        return new Atom(set, true, 1, 1);
    }

    private static boolean[] range(char from, char to) {
        boolean[] set = new boolean[128];
        for (char c = from; c <= to; c++) {
            set[c] = true;
        }
        return set;
    }

    private static void merge(boolean[] into, boolean[] from) {
        for (int c = 0; c < 128; c++) {
            into[c] |= from[c];
        }
    }

    /** '.': any character ('\n' too with the s flag; counting it always only widens the set). */
    private static Atom any() {
        boolean[] set = new boolean[128];
        Arrays.fill(set, true);
        return new Atom(set, true, 1, 1);
    }

    private static Atom single(char c) {
        if (c >= 128) {
            return new Atom(new boolean[128], true, 1, 1);
        }
        boolean[] set = new boolean[128];
        set[c] = true;
        return new Atom(set, false, 1, 1);
    }

    private static Atom atom(boolean[] set, boolean nonAscii) {
        return new Atom(set, nonAscii, 1, 1);
    }
}
