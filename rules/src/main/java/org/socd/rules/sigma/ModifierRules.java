package org.socd.rules.sigma;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.socd.rules.yaml.RuleSyntaxException;

/**
 * Which modifier chains make sense. Checked when reading so that a nonsensical chain (e.g.
 * {@code re|contains}) is an error at its position instead of a rule that quietly never matches.
 */
final class ModifierRules {

    private ModifierRules() {}

    static void check(String identifier, FieldTerm term) {
        List<Modifier> modifiers = term.modifiers();
        String where = " in " + term.describe() + " of search identifier '" + identifier + "'";
        long positional = modifiers.stream()
                .filter(m -> m == Modifier.CONTAINS || m == Modifier.STARTSWITH || m == Modifier.ENDSWITH)
                .count();
        if (positional > 1) {
            throw fail(term, "contradicting modifiers " + modifiers + where
                    + "; use only one of contains, startswith, endswith");
        }
        if (modifiers.size() != modifiers.stream().distinct().count()) {
            throw fail(term, "repeated modifier" + where + "; write each modifier once");
        }
        if (term.has(Modifier.EXISTS)) {
            if (modifiers.size() != 1 || term.isKeyword()) {
                throw fail(term, "'exists' must be the only modifier of a field" + where);
            }
            if (term.values().size() != 1 || !(term.values().get(0).value() instanceof Boolean)) {
                throw fail(term, "'exists' takes exactly one value, true or false" + where);
            }
        }
        checkFamilies(term, where);
        boolean regex = term.has(Modifier.RE);
        for (int i = 0; i < modifiers.size(); i++) {
            Modifier modifier = modifiers.get(i);
            if (modifier.isRegexFlag() && (!regex || modifiers.indexOf(Modifier.RE) > i)) {
                throw fail(term, "modifier '" + modifier.sigmaName() + "' is a flag of 're' and must follow it"
                        + where + ", e.g. '|re|" + modifier.sigmaName() + "'");
            }
        }
        if (regex && term.modifiers().stream().anyMatch(m -> family(m) != null && !"re".equals(family(m)))) {
            throw fail(term, "'re' cannot be combined with string, numeric, cidr or fieldref modifiers" + where
                    + "; regular expressions are unanchored and case-sensitive already (use '|re|i' to ignore case)");
        }
        for (var value : term.values()) {
            if (value.isNull() && !modifiers.isEmpty() && !term.has(Modifier.EXISTS)) {
                throw new RuleSyntaxException(value.location(), "null cannot take modifiers" + where
                        + "; null means 'field absent', write it without modifiers in its own selection");
            }
            if (value.isNull() && term.isKeyword()) {
                throw new RuleSyntaxException(value.location(), "keywords cannot be null" + where);
            }
        }
    }

    /** Which kind of comparison a modifier selects; modifiers of different kinds cannot be mixed. */
    private static String family(Modifier m) {
        if (m == Modifier.ALL || m == Modifier.NEQ) {
            return null;
        }
        if (m == Modifier.RE || m.isRegexFlag()) {
            return "re";
        }
        if (m.isComparison() || m.isTimePart()) {
            return "numeric";
        }
        if (m == Modifier.CIDR) {
            return "cidr";
        }
        if (m == Modifier.FIELDREF) {
            return "fieldref";
        }
        if (m == Modifier.EXISTS) {
            return "exists";
        }
        return "string";
    }

    private static void checkFamilies(FieldTerm term, String where) {
        Set<String> families = new TreeSet<>();
        for (Modifier m : term.modifiers()) {
            String f = family(m);
            if (f != null) {
                families.add(f);
            }
        }
        if (families.equals(Set.of("fieldref", "string"))) {
            boolean onlyPositional = term.modifiers().stream().allMatch(m -> !"string".equals(family(m))
                    || m == Modifier.CONTAINS || m == Modifier.STARTSWITH || m == Modifier.ENDSWITH || m == Modifier.CASED);
            if (onlyPositional) {
                families.remove("string");
            }
        }
        if (families.size() > 1 && !families.contains("re")) {
            throw fail(term, "modifiers " + term.modifiers().stream().map(Modifier::sigmaName).toList()
                    + " mix incompatible kinds of comparison (" + String.join(", ", families) + ")" + where
                    + "; split them into separate fields or selections");
        }
        if (term.modifiers().stream().filter(Modifier::isComparison).count() > 1
                || term.modifiers().stream().filter(Modifier::isTimePart).count() > 1) {
            throw fail(term, "more than one numeric comparison or time part" + where + "; use one of each");
        }
        if (term.isKeyword() && !families.isEmpty() && !families.equals(Set.of("string"))) {
            throw fail(term, "keywords have no field to compare" + where + "; name a field");
        }
    }

    private static RuleSyntaxException fail(FieldTerm term, String problem) {
        return new RuleSyntaxException(term.location(), problem);
    }
}
