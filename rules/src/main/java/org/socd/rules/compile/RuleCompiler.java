package org.socd.rules.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socd.rules.RuleMatch;
import org.socd.rules.engine.CompiledRule;
import org.socd.rules.matching.Conjunction;
import org.socd.rules.matching.Disjunction;
import org.socd.rules.matching.Matcher;
import org.socd.rules.matching.Negation;
import org.socd.rules.sigma.Condition;
import org.socd.rules.sigma.FieldTerm;
import org.socd.rules.sigma.Selection;
import org.socd.rules.sigma.SigmaFilter;
import org.socd.rules.sigma.SigmaRule;
import org.socd.rules.sigma.SigmaRuleParser;
import org.socd.rules.yaml.RuleSyntaxException;
import org.socd.rules.yaml.SourceLocation;

/**
 * Compiles a parsed Sigma rule into a matcher tree: each search identifier once, then the
 * condition over them, resolving identifier names and {@code 1 of}/{@code all of} patterns.
 */
public final class RuleCompiler {

    private RuleCompiler() {}

    /**
     * Parses and compiles one rule file.
     *
     * @throws RuleSyntaxException when the rule cannot be evaluated faithfully
     */
    public static CompiledRule compile(String text, String file) {
        return compile(SigmaRuleParser.parse(text, file), Placeholders.NONE);
    }

    /** Parses and compiles one rule file, resolving {@code expand} placeholders from {@code placeholders}. */
    public static CompiledRule compile(String text, String file, Placeholders placeholders) {
        return compile(SigmaRuleParser.parse(text, file), placeholders);
    }

    public static CompiledRule compile(SigmaRule rule) {
        return compile(rule, Placeholders.NONE);
    }

    /** Compiles a parsed rule, resolving {@code expand} placeholders from {@code placeholders}. */
    public static CompiledRule compile(SigmaRule rule, Placeholders placeholders) {
        Matcher matcher = detection(rule.identifiers(), rule.conditions(), rule.conditionLocation(), placeholders);
        return new CompiledRule(new RuleMatch(rule.id(), rule.title(), rule.level(), rule.tags()),
                rule.logsource(), matcher, rule.source());
    }

    /** Compiles a meta filter's detection; the loader ANDs it onto the rules the filter names. */
    public static Matcher compileFilter(SigmaFilter filter, Placeholders placeholders) {
        return detection(filter.identifiers(), filter.conditions(), filter.conditionLocation(), placeholders);
    }

    /** A copy of {@code rule} that only matches when {@code filter} also holds ({@code rule and filter-condition}). */
    public static CompiledRule withFilter(CompiledRule rule, Matcher filter) {
        return new CompiledRule(rule.match(), rule.logsource(), new Conjunction(List.of(rule.matcher(), filter)), rule.source());
    }

    private static Matcher detection(Map<String, Selection> selections, List<Condition> conditionList,
                                     SourceLocation conditionLocation, Placeholders placeholders) {
        Map<String, Matcher> identifiers = new LinkedHashMap<>();
        selections.forEach((name, selection) -> identifiers.put(name, selection(selection, placeholders)));
        List<Matcher> conditions = new ArrayList<>();
        for (Condition condition : conditionList) {
            conditions.add(condition(condition, identifiers, conditionLocation));
        }
        return conditions.size() == 1 ? conditions.get(0) : new Disjunction(conditions);
    }

    private static Matcher selection(Selection selection, Placeholders placeholders) {
        if (selection instanceof Selection.AllOf all) {
            List<Matcher> terms = new ArrayList<>();
            for (FieldTerm term : all.terms()) {
                terms.add(TermCompiler.compile(term, placeholders));
            }
            return terms.size() == 1 ? terms.get(0) : new Conjunction(terms);
        }
        Selection.AnyOf any = (Selection.AnyOf) selection;
        List<Matcher> alternatives = new ArrayList<>();
        for (Selection alternative : any.alternatives()) {
            alternatives.add(selection(alternative, placeholders));
        }
        return new Disjunction(alternatives);
    }

    private static Matcher condition(Condition condition, Map<String, Matcher> identifiers, SourceLocation at) {
        if (condition instanceof Condition.And and) {
            return new Conjunction(operands(and.operands(), identifiers, at));
        }
        if (condition instanceof Condition.Or or) {
            return new Disjunction(operands(or.operands(), identifiers, at));
        }
        if (condition instanceof Condition.Not not) {
            return new Negation(condition(not.operand(), identifiers, at));
        }
        if (condition instanceof Condition.Identifier identifier) {
            Matcher matcher = identifiers.get(identifier.name());
            if (matcher == null) {
                throw new RuleSyntaxException(at, "condition references unknown search identifier '"
                        + identifier.name() + "'; defined are " + identifiers.keySet());
            }
            return matcher;
        }
        Condition.Quantified quantified = (Condition.Quantified) condition;
        List<Matcher> matched = new ArrayList<>();
        identifiers.forEach((name, matcher) -> {
            boolean selected = quantified.isThem() ? !name.startsWith("_") : globMatches(quantified.pattern(), name);
            if (selected) {
                matched.add(matcher);
            }
        });
        if (matched.isEmpty()) {
            throw new RuleSyntaxException(at, "condition pattern '"
                    + (quantified.isThem() ? "them" : quantified.pattern())
                    + "' matches no search identifier; defined are " + identifiers.keySet());
        }
        if (matched.size() == 1) {
            return matched.get(0);
        }
        return quantified.quantifier() == Condition.Quantifier.ONE ? new Disjunction(matched) : new Conjunction(matched);
    }

    private static List<Matcher> operands(List<Condition> conditions, Map<String, Matcher> identifiers, SourceLocation at) {
        List<Matcher> operands = new ArrayList<>();
        for (Condition operand : conditions) {
            operands.add(condition(operand, identifiers, at));
        }
        return operands;
    }

    /** Identifier patterns use only {@code *}, matching any run of characters. */
    static boolean globMatches(String pattern, String name) {
        return globMatches(pattern, 0, name, 0);
    }

    private static boolean globMatches(String pattern, int p, String name, int n) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int k = n; k <= name.length(); k++) {
                    if (globMatches(pattern, p + 1, name, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (n >= name.length() || name.charAt(n) != c) {
                return false;
            }
            p++;
            n++;
        }
        return n == name.length();
    }
}
