package org.socd.rules;

import java.util.List;

/**
 * One rule that matched one event: what the alert stage needs to raise an alert.
 *
 * @param ruleId    the rule's Sigma {@code id} (a UUID in SigmaHQ rules)
 * @param ruleTitle the rule's {@code title}
 * @param level     the rule's {@code level}
 * @param tags      the rule's {@code tags}, e.g. {@code attack.t1110}
 */
public record RuleMatch(String ruleId, String ruleTitle, Level level, List<String> tags) {
    public RuleMatch {
        tags = List.copyOf(tags);
    }
}
