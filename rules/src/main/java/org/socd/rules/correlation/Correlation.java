package org.socd.rules.correlation;

import java.util.List;
import org.socd.rules.RuleMatch;

/**
 * A correlation whose references are resolved, ready for the engine.
 *
 * @param definition  the parsed rule
 * @param ruleIds     the referenced rules' and correlations' ids, in the order written
 * @param groupFields per referenced rule (same index as {@code ruleIds}), the event fields that
 *                    hold the group-by values in that rule's events, after applying {@code aliases}
 * @param valueFields per referenced rule, the event fields of {@code condition.field}, after aliases
 * @param match       what a firing reports: the correlation's id, title, level and tags
 */
public record Correlation(SigmaCorrelation definition, List<String> ruleIds, List<List<String>> groupFields,
                          List<List<String>> valueFields, RuleMatch match) {

    public Correlation {
        ruleIds = List.copyOf(ruleIds);
        groupFields = groupFields.stream().map(List::copyOf).toList();
        valueFields = valueFields.stream().map(List::copyOf).toList();
    }

    public String id() {
        return definition.id();
    }

    public CorrelationType type() {
        return definition.type();
    }
}
