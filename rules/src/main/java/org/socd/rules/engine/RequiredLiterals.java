package org.socd.rules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.socd.rules.compile.RegexLiterals;
import org.socd.rules.matching.Conjunction;
import org.socd.rules.matching.Disjunction;
import org.socd.rules.matching.FieldMatcher;
import org.socd.rules.matching.KeywordMatcher;
import org.socd.rules.matching.Matcher;
import org.socd.rules.matching.ValuePattern;

/**
 * Finds, for a compiled rule, a set of (field, text) pairs of which at least one must hold — the
 * field's lower-cased value contains the lower-cased text — whenever the rule matches. The engine
 * looks all of them up at once per event (Aho-Corasick), and evaluates a rule only when one of its
 * pairs was seen. Rules without such a set (negations only, regexes without a literal, numeric
 * comparisons) are always evaluated; the analysis only ever gives up precision, never correctness.
 */
final class RequiredLiterals {

    /**
     * One necessary condition: the lower-cased value of {@code field} contains {@code text}; for
     * {@link #KEYWORDS}, some top-level value of the event (or its message / raw line) does.
     */
    record Literal(String field, String text) {}

    /**
     * The pseudo-field of keyword searches: a keyword matcher reads the message, else the raw
     * line, else every top-level value; all of them together are a superset to look in.
     */
    static final String KEYWORDS = "\u0000keywords";

    /**
     * Longer literals are cut to their first this-many characters, still necessary (any
     * substring of a necessary text is) and about as selective: without the cut the thousands
     * of 64-character hash literals alone make a quarter-million-node automaton.
     */
    static final int MAX_LENGTH = 32;

    private RequiredLiterals() {}

    /**
     * Up to {@code max} independent necessary clauses, most selective first: each is a list of
     * alternatives of which one must hold. Requiring a hit in two clauses (e.g. the image name and
     * a command-line flag) keeps a rule out of the candidates when only its commonest part occurs.
     */
    static List<List<Literal>> clauses(Matcher matcher, int max) {
        List<List<Literal>> all = new ArrayList<>();
        collect(matcher, all);
        all.sort((a, b) -> Integer.compare(score(b), score(a)));
        List<List<Literal>> chosen = new ArrayList<>();
        for (List<Literal> clause : all) {
            if (chosen.size() < max && !chosen.contains(clause)) {
                chosen.add(clause);
            }
        }
        return chosen;
    }

    /** Every necessary clause found through nested conjunctions (and {@code |all} value lists). */
    private static void collect(Matcher matcher, List<List<Literal>> into) {
        if (matcher instanceof Conjunction and) {
            for (Matcher operand : and.operands()) {
                collect(operand, into);
            }
            return;
        }
        if (matcher instanceof FieldMatcher field && field.requireAll()) {
            for (ValuePattern pattern : field.patterns()) {
                String text = text(pattern);
                if (text != null) {
                    into.add(List.of(new Literal(field.field(), text)));
                }
            }
            return;
        }
        List<Literal> clause = of(matcher);
        if (clause != null) {
            into.add(clause);
        }
    }

    /** The alternatives of which one must hold, or null when nothing useful is necessary. */
    static List<Literal> of(Matcher matcher) {
        if (matcher instanceof FieldMatcher field) {
            return field(field);
        }
        if (matcher instanceof KeywordMatcher keywords) {
            return field(new FieldMatcher(KEYWORDS, keywords.patterns(), keywords.requireAll()));
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
        return null; // negation, presence, field references: no literal is necessary
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
                List<String> branches = RegexLiterals.alternatives(regex.regex().pattern());
                if (branches == null || !branches.stream().allMatch(RequiredLiterals::isAscii)) {
                    return null; // see text(): only ASCII survives lower-casing of the whole value
                }
                branches.forEach(b -> alternatives.add(new Literal(matcher.field(), clip(b))));
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
            text = RegexLiterals.literal(p.regex().pattern());
            if (text == null) {
                return null;
            }
        } else {
            return null;
        }
        if (!pattern.foldsCase() && !isAscii(text)) {
            // The scan looks in the lower-cased value, and lower-casing a whole string is not
            // always per character outside ASCII (a final capital sigma becomes 'ς', not 'σ'):
            // only ASCII text is sure to be found there whenever the original value contains it.
            return null;
        }
        text = clip(text.toLowerCase(Locale.ROOT));
        // One letter or backslash occurs everywhere; one emoji, homoglyph or backtick is selective.
        return RegexLiterals.selective(text) ? text : null;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static String clip(String text) {
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
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
