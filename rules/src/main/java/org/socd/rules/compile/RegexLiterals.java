package org.socd.rules.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Literal text every match of a regular expression must contain, found by a deliberately
 * conservative reading of the pattern: used to skip running RE2/J where the text cannot match.
 */
public final class RegexLiterals {

    /** Shorter literals are not worth checking for. */
    private static final int MIN_LENGTH = 2;
    /** Characters rare enough in paths and command lines that one alone is a useful literal. */
    private static final String RARE_CHARACTERS = "`$^{}|~<>;@#![]";

    /** A flags-only group followed by a quantifier, as in {@code a(?i)*}. */
    private static final Pattern QUANTIFIED_FLAGS = Pattern.compile("\\(\\?[imsU-]*\\)[*+?{]");

    private RegexLiterals() {}

    /**
     * For a regex that is an alternation at its top level (possibly inside one group spanning the
     * whole pattern, after inline flags), texts (lower-case) of which every match contains one:
     * per branch its necessary literal, or else the few texts of {@link #expanded}; null if some
     * branch has neither. A regex without alternation is one branch.
     */
    public static List<String> alternatives(String regex) {
        String body = regex;
        while (body.startsWith("(?") && body.indexOf(')') > 0 && body.substring(2, body.indexOf(')')).matches("[imsU-]+")) {
            body = body.substring(body.indexOf(')') + 1);
        }
        if (wholeGroup(body)) {
            body = body.startsWith("(?:") ? body.substring(3, body.length() - 1) : body.substring(1, body.length() - 1);
        }
        List<String> branches = splitTopLevel(body);
        if (branches == null) {
            return null;
        }
        List<String> literals = new ArrayList<>();
        for (String branch : branches) {
            String literal = literal(branch);
            if (literal != null && selective(literal.toLowerCase(Locale.ROOT))) {
                literals.add(literal.toLowerCase(Locale.ROOT));
                continue;
            }
            // No selective run of plain characters: try runs through small character sets.
            List<String> expanded = expanded(branch);
            if (expanded == null) {
                return null;
            }
            literals.addAll(expanded);
        }
        return literals;
    }

    /**
     * Texts (lower-case) of which every match of {@code regex} (no top-level alternation)
     * contains one, from a run of consecutive characters where each is one of a few: the run
     * {@code \.[ "']} gives {@code ". "}, {@code ".\""} and {@code ".'"}. Null if no such run is
     * selective. Sets of up to {@value #MAX_SET} characters (after case folding) are expanded,
     * to at most {@value #MAX_EXPANSION} texts.
     */
    static List<String> expanded(String regex) {
        List<RegexAtoms.Atom> atoms = RegexAtoms.read(regex);
        if (atoms == null) {
            return null;
        }
        List<String> best = null;
        List<String> run = List.of("");
        for (RegexAtoms.Atom atom : atoms) {
            List<String> chars = atom.opaque() || atom.min() == 0 ? null : lowerCaseChars(atom);
            if (chars == null) {
                // Optional or too varied: what comes before and after need not be adjacent.
                best = better(best, run);
                run = List.of("");
                continue;
            }
            List<String> extended = cross(run, chars);
            if (extended == null) {
                best = better(best, run);
                extended = chars;
            }
            run = extended;
            if (atom.max() > 1) {
                // x+ : the text before ends at the first x, the text after starts at the last.
                best = better(best, run);
                run = chars;
            }
        }
        return better(best, run);
    }

    private static final int MAX_SET = 4;
    private static final int MAX_EXPANSION = 16;

    private static List<String> lowerCaseChars(RegexAtoms.Atom atom) {
        if (atom.nonAscii()) {
            return null;
        }
        List<String> chars = new ArrayList<>();
        for (char c = 0; c < 128; c++) {
            if (atom.ascii()[c]) {
                String lower = String.valueOf(Character.toLowerCase(c));
                if (!chars.contains(lower)) {
                    chars.add(lower);
                }
                if (chars.size() > MAX_SET) {
                    return null;
                }
            }
        }
        return chars.isEmpty() ? null : chars;
    }

    private static List<String> cross(List<String> run, List<String> chars) {
        if (run.size() * chars.size() > MAX_EXPANSION) {
            return null;
        }
        List<String> texts = new ArrayList<>(run.size() * chars.size());
        for (String prefix : run) {
            for (String c : chars) {
                texts.add(prefix + c);
            }
        }
        return texts;
    }

    /** The more selective of two alternative sets (see {@link #selective}); null for none. */
    private static List<String> better(List<String> best, List<String> candidate) {
        if (candidate.isEmpty() || !candidate.stream().allMatch(RegexLiterals::selective)) {
            return best;
        }
        return best == null || score(candidate) > score(best) ? candidate : best;
    }

    /** Higher is more selective: long texts, few of them. */
    private static int score(List<String> texts) {
        int shortest = Integer.MAX_VALUE;
        for (String text : texts) {
            shortest = Math.min(shortest, text.length());
        }
        return shortest * 4 - texts.size();
    }

    /**
     * Whether looking for {@code literal} rules out enough values to be worth it: two characters
     * or more, or one that is rare in event values (non-ASCII, or punctuation such as a backtick
     * that ordinary paths and command lines seldom contain).
     */
    public static boolean selective(String literal) {
        return literal.length() >= MIN_LENGTH
                || (literal.length() == 1 && (literal.charAt(0) > 127 || RARE_CHARACTERS.indexOf(literal.charAt(0)) >= 0));
    }

    /** Whether {@code body} is one group from its first to its last character, e.g. {@code (a|b)}, not {@code (a)(b)}. */
    private static boolean wholeGroup(String body) {
        if (body.length() < 2 || body.charAt(0) != '(' || body.charAt(body.length() - 1) != ')'
                || (body.startsWith("(?") && !body.startsWith("(?:"))) {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(body, i);
                if (i < 0) {
                    return false;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0 && i < body.length() - 1) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    /** The branches of a top-level alternation, or null when a bracket is unbalanced. */
    private static List<String> splitTopLevel(String body) {
        List<String> branches = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(body, i);
                if (i < 0) {
                    return null;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                branches.add(body.substring(start, i));
                start = i + 1;
            }
        }
        branches.add(body.substring(start));
        return depth == 0 ? branches : null;
    }

    private static int classEnd(String regex, int open) {
        int j = open + 1;
        if (j < regex.length() && regex.charAt(j) == '^') {
            j++;
        }
        if (j < regex.length() && regex.charAt(j) == ']') {
            j++;
        }
        while (j < regex.length() && regex.charAt(j) != ']') {
            if (regex.charAt(j) == '\\') {
                j++;
            }
            j++;
        }
        return j < regex.length() ? j : -1;
    }

    /**
     * The longest run of literal characters every match of {@code regex} contains, or null. Deliberately
     * conservative: no alternation at the top level, only runs outside groups and classes, and a character
     * followed by {@code ?}, {@code *} or {@code {} is not part of the run (it may be absent).
     */
    public static String literal(String regex) {
        if (QUANTIFIED_FLAGS.matcher(regex).find()) {
            return null; // RE2/J binds that quantifier to an earlier atom: not worth modelling
        }
        String best = "";
        StringBuilder run = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char escaped = regex.charAt(++i);
                if (!Character.isLetterOrDigit(escaped)) {
                    if (depth == 0) {
                        run.append(escaped);
                    }
                    continue;
                }
                if ("dwsDWSbBAz".indexOf(escaped) < 0) {
                    return null; // \x41, \p{L}, \Q...\E and friends: not worth parsing
                }
                best = longer(best, run);
                continue;
            }
            if (c == '[') {
                best = longer(best, run);
                // Skip the class; ']' right after '[' or '[^' is literal inside it.
                int j = i + 1;
                if (j < regex.length() && regex.charAt(j) == '^') {
                    j++;
                }
                if (j < regex.length() && regex.charAt(j) == ']') {
                    j++;
                }
                while (j < regex.length() && regex.charAt(j) != ']') {
                    if (regex.startsWith("[:", j)) {
                        // A POSIX class such as [[:alpha:]]: its ']' does not end the outer class.
                        int close = regex.indexOf(":]", j + 2);
                        if (close < 0) {
                            return null;
                        }
                        j = close + 2;
                        continue;
                    }
                    if (regex.charAt(j) == '\\') {
                        j++;
                    }
                    j++;
                }
                i = j;
                continue;
            }
            if (c == '?' || c == '*' || c == '{') {
                if (run.length() > 0) {
                    run.setLength(run.length() - 1); // the quantified character may be absent
                }
                best = longer(best, run);
                if (c == '{') {
                    int close = regex.indexOf('}', i);
                    if (close < 0) {
                        return null;
                    }
                    i = close;
                }
                continue;
            }
            if (c == '|' && depth == 0) {
                return null; // a top-level alternative may avoid any run (see alternatives())
            }
            if (".^$+()|".indexOf(c) >= 0) {
                best = longer(best, run);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                continue;
            }
            if (depth == 0) {
                run.append(c);
            }
        }
        best = longer(best, run);
        return best.isEmpty() ? null : best;
    }

    private static String longer(String best, StringBuilder run) {
        String candidate = run.toString();
        run.setLength(0);
        return candidate.length() > best.length() ? candidate : best;
    }
}
