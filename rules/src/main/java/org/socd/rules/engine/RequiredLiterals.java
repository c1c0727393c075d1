package org.socd.rules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.socd.rules.matching.Conjunction;
import org.socd.rules.matching.Disjunction;
import org.socd.rules.matching.FieldMatcher;
import org.socd.rules.matching.Matcher;
import org.socd.rules.matching.ValuePattern;

/**
 * Finds, for a compiled rule, a set of (field, text) pairs of which at least one must hold — the
 * field's lower-cased value contains the lower-cased text — whenever the rule matches. The engine
 * looks all of them up at once per event (Aho-Corasick), and evaluates a rule only when one of its
 * pairs was seen. Rules without such a set (negations only, regexes, numeric comparisons,
 * keywords) are always evaluated; the analysis only ever gives up precision, never correctness.
 */
final class RequiredLiterals {

    /** One necessary condition: the lower-cased value of {@code field} contains {@code text}. */
    record Literal(String field, String text) {}

    /** Literals shorter than this hit too many events to be worth indexing; such rules stay always-evaluated. */
    private static final int MIN_LENGTH = 2;

    private RequiredLiterals() {}

    /** The alternatives of which one must hold, or null when nothing useful is necessary. */
    static List<Literal> of(Matcher matcher) {
        if (matcher instanceof FieldMatcher field) {
            return field(field);
        }
        if (matcher instanceof Disjunction or) {
            List<Literal> union = new ArrayList<>();
            for (Matcher operand : or.operands()) {
                List<Literal> alternatives = of(operand);
                if (alternatives == null) {
                    return null;
                }
                union.addAll(alternatives);
            }
            return union;
        }
        if (matcher instanceof Conjunction and) {
            List<Literal> best = null;
            for (Matcher operand : and.operands()) {
                List<Literal> alternatives = of(operand);
                if (alternatives != null && (best == null || score(alternatives) > score(best))) {
                    best = alternatives;
                }
            }
            return best;
        }
        return null; // negation, presence, keywords, field references: no literal is necessary
    }

    private static List<Literal> field(FieldMatcher matcher) {
        if (matcher.requireAll()) {
            // Every pattern must hold: any single one is necessary; take the most selective.
            Literal best = null;
            for (ValuePattern pattern : matcher.patterns()) {
                String text = text(pattern);
                if (text != null && (best == null || text.length() > best.text().length())) {
                    best = new Literal(matcher.field(), text);
                }
            }
            return best == null ? null : List.of(best);
        }
        List<Literal> alternatives = new ArrayList<>();
        for (ValuePattern pattern : matcher.patterns()) {
            if (pattern instanceof ValuePattern.Regex regex) {
                List<String> branches = regexAlternatives(regex.regex().pattern());
                if (branches == null) {
                    return null;
                }
                branches.forEach(b -> alternatives.add(new Literal(matcher.field(), b)));
                continue;
            }
            String text = text(pattern);
            if (text == null) {
                return null;
            }
            alternatives.add(new Literal(matcher.field(), text));
        }
        return alternatives;
    }

    /**
     * For a regex that is an alternation at its top level (possibly inside one group spanning the
     * whole pattern, after inline flags), one necessary literal per branch; null if any branch has
     * none. A regex without alternation gives its single literal.
     */
    static List<String> regexAlternatives(String regex) {
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
            String literal = regexLiteral(branch);
            if (literal == null) {
                return null;
            }
            literal = literal.toLowerCase(Locale.ROOT);
            if (literal.length() < MIN_LENGTH) {
                return null;
            }
            literals.add(literal);
        }
        return literals;
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

    /** Text any matching value contains (lower-cased), or null. */
    private static String text(ValuePattern pattern) {
        String text;
        if (pattern instanceof ValuePattern.Exact p) {
            text = p.text();
        } else if (pattern instanceof ValuePattern.Prefix p) {
            text = p.text();
        } else if (pattern instanceof ValuePattern.Suffix p) {
            text = p.text();
        } else if (pattern instanceof ValuePattern.Substring p) {
            text = p.text();
        } else if (pattern instanceof ValuePattern.Glob p) {
            text = p.longestLiteral();
        } else if (pattern instanceof ValuePattern.Regex p) {
            text = regexLiteral(p.regex().pattern());
            if (text == null) {
                return null;
            }
        } else {
            return null;
        }
        text = text.toLowerCase(Locale.ROOT);
        // One ASCII character occurs everywhere; one emoji or homoglyph is selective.
        return text.length() >= MIN_LENGTH || (text.length() == 1 && text.charAt(0) > 127) ? text : null;
    }

    /**
     * The longest run of literal characters every match of {@code regex} contains, or null. Deliberately
     * conservative: no alternation anywhere, only runs outside groups and classes, and a character
     * followed by {@code ?}, {@code *} or {@code {} is not part of the run (it may be absent).
     */
    static String regexLiteral(String regex) {
        if (regex.indexOf('|') >= 0) {
            return null;
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
            if (".^$+()".indexOf(c) >= 0) {
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

    /** Higher is more selective: the shortest alternative bounds how often the set is hit. */
    private static int score(List<Literal> alternatives) {
        int shortest = Integer.MAX_VALUE;
        for (Literal literal : alternatives) {
            shortest = Math.min(shortest, literal.text().length());
        }
        // Many alternatives are hit more often than few.
        return shortest * 4 - Math.min(alternatives.size(), 40);
    }
}
