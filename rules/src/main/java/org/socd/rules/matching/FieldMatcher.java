package org.socd.rules.matching;

import java.util.List;

/**
 * A field's value matches the rule's values: any one of them, or all of them with Sigma's
 * {@code all} modifier. A list-valued field matches a pattern when one of its elements does.
 * An absent field never matches (use {@link FieldPresence} for absence).
 */
public record FieldMatcher(String field, List<ValuePattern> patterns, boolean requireAll) implements Matcher {

    public FieldMatcher {
        patterns = List.copyOf(patterns);
    }

    @Override
    public boolean matches(EventFields event) {
        List<String> exact = null;
        List<String> folded = null;
        for (int p = 0; p < patterns.size(); p++) {
            ValuePattern pattern = patterns.get(p);
            List<String> values;
            if (pattern.foldsCase()) {
                values = folded != null ? folded : (folded = event.lowerCaseValues(field));
            } else {
                values = exact != null ? exact : (exact = event.values(field));
            }
            boolean hit = anyMatches(pattern, values);
            if (hit && !requireAll) {
                return true;
            }
            if (!hit && requireAll) {
                return false;
            }
        }
        return requireAll;
    }

    static boolean anyMatches(ValuePattern pattern, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (pattern.test(values.get(i))) {
                return true;
            }
        }
        return false;
    }
}
