package org.socd.rules.sigma;

import java.util.Set;
import org.socd.rules.yaml.RuleSyntaxException;
import org.socd.rules.yaml.YamlNode;

/**
 * Reads a Sigma correlation rule far enough to tell a malformed one from a valid one, then rejects
 * it: correlations need state across events (counts, time windows), which belongs to the
 * correlator, not to this stateless engine.
 */
final class CorrelationCheck {

    private static final Set<String> TYPES = Set.of("event_count", "value_count", "temporal", "temporal_ordered",
            "value_sum", "value_avg", "value_percentile", "value_median");

    private CorrelationCheck() {}

    static RuleSyntaxException reject(YamlNode.Mapping rule) {
        YamlNode.Mapping correlation = SigmaRuleParser.mapping(rule.get("correlation").orElseThrow(), "'correlation'");
        YamlNode typeNode = correlation.get("type").orElseThrow(() -> new RuleSyntaxException(correlation.location(),
                "the correlation has no 'type'; use one of " + TYPES));
        String type = SigmaRuleParser.string(typeNode, "'type'");
        if (!TYPES.contains(type)) {
            return new RuleSyntaxException(typeNode.location(), "unknown correlation type '" + type + "'; use one of " + TYPES);
        }
        if (correlation.get("rules").isEmpty()) {
            return new RuleSyntaxException(correlation.location(), "the correlation names no 'rules'; list the rules it correlates");
        }
        if (correlation.get("timespan").isEmpty()) {
            return new RuleSyntaxException(correlation.location(), "the correlation has no 'timespan'; add e.g. 'timespan: 5m'");
        }
        return new RuleSyntaxException(rule.location(), "Sigma correlation rule of type '" + type
                + "' is valid but not evaluated: correlations keep state across events, which socd's stateless "
                + "rule engine does not; keep the rules it references, and remove this file from the rule directory");
    }
}
