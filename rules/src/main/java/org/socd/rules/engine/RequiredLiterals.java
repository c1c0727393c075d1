package org.socd.rules.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.socd.rules.compile.RegexLiterals;
import org.socd.rules.matching.Conjunction;
import org.socd.rules.matching.Disjunction;
import org.socd.rules.matching.FieldMatcher;
import org.socd.rules.matching.KeywordMatcher;
import org.socd.rules.matching.Matcher;
import org.socd.rules.matching.ValuePattern;

/**
 * Finds, for a compiled rule, clauses that all hold whenever the rule matches; each clause is a set
 * of (field, text) pairs of which at least one holds (the field's lower-cased value contains the
 * lower-cased text). The engine looks all of them up at once per event (Aho-Corasick), and
 * evaluates a rule only when each of its clauses had a hit. Rules without a clause (negations
 * only, regexes without a literal, numeric comparisons) are always evaluated; the analysis only
 * ever gives up precision, never correctness.
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
     * alternatives of which one holds whenever {@code matcher} matches; empty when nothing useful
     * is necessary. Requiring a hit in every chosen clause (e.g. the image name and a command-line
     * flag) keeps a rule out of the candidates when only its commonest parts occur.
     *
     * <p>Of a disjunction {@code A or B}: if {@code A} implies {@code A1} and {@code A2}, and
     * {@code B} implies {@code B1} and {@code B2}, then {@code A1 or B1} and {@code A2 or B2} are
     * both necessary. So the operands' clauses are paired up by rank (an operand with fewer
     * clauses contributes its best one again). A single merged clause, as before, let a common
     * part of one branch (the image is under {@code \Windows\}) make the rule a candidate
     * whatever the selective part (the command line) held.
     */
    static List<List<Literal>> clauses(Matcher matcher, int max) {
        if (matcher instanceof Conjunction and) {
            List<List<Literal>> all = new ArrayList<>();
            for (Matcher operand : and.operands()) {
                all.addAll(clauses(operand, max));
            }
            return best(all, max);
        }
        if (matcher instanceof Disjunction or) {
            List<List<List<Literal>>> operands = new ArrayList<>();
            int count = 0;
            for (Matcher operand : or.operands()) {
                List<List<Literal>> clauses = clauses(operand, max);
                if (clauses.isEmpty()) {
                    return List.of(); // that branch can match without any literal
                }
                operands.add(clauses);
                count = Math.max(count, clauses.size());
            }
            List<List<Literal>> paired = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                Set<Literal> union = new LinkedHashSet<>(); // hash lists bring hundreds of alternatives
                for (List<List<Literal>> clauses : operands) {
                    union.addAll(clauses.get(k < clauses.size() ? k : 0));
                }
                paired.add(List.copyOf(union));
            }
            return best(paired, max);
        }
        if (matcher instanceof FieldMatcher field && field.requireAll()) {
            // Every pattern must hold: each one's literal is a clause of its own.
            List<List<Literal>> all = new ArrayList<>();
            for (ValuePattern pattern : field.patterns()) {
                String text = text(pattern);
                if (text != null) {
                    all.add(List.of(new Literal(field.field(), text)));
                }
            }
            return best(all, max);
        }
        if (matcher instanceof KeywordMatcher keywords) {
            return clauses(new FieldMatcher(KEYWORDS, keywords.patterns(), keywords.requireAll()), max);
        }
        if (matcher instanceof FieldMatcher field) {
            List<Literal> alternatives = field(field);
            return alternatives == null ? List.of() : List.of(alternatives);
        }
        return List.of(); // negation, presence, field references: no literal is necessary
    }

    /** The {@code max} most selective of {@code clauses}, best first, without repeats. */
    private static List<List<Literal>> best(List<List<Literal>> clauses, int max) {
        List<List<Literal>> sorted = new ArrayList<>(new LinkedHashSet<>(clauses));
        sorted.sort((a, b) -> Integer.compare(score(b), score(a)));
        return sorted.size() > max ? List.copyOf(sorted.subList(0, max)) : sorted;
    }

    private static List<Literal> field(FieldMatcher matcher) {
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
