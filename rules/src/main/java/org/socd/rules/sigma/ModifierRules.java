package org.socd.rules.sigma;

import java.util.List;
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
        boolean regex = term.has(Modifier.RE);
        for (int i = 0; i < modifiers.size(); i++) {
            Modifier modifier = modifiers.get(i);
            if (modifier.isRegexFlag() && (!regex || modifiers.indexOf(Modifier.RE) > i)) {
                throw fail(term, "modifier '" + modifier.sigmaName() + "' is a flag of 're' and must follow it"
                        + where + ", e.g. '|re|" + modifier.sigmaName() + "'");
            }
        }
        if (regex && (positional > 0 || term.has(Modifier.CASED))) {
            throw fail(term, "'re' cannot be combined with contains/startswith/endswith/cased" + where
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

    private static RuleSyntaxException fail(FieldTerm term, String problem) {
        return new RuleSyntaxException(term.location(), problem);
    }
}
