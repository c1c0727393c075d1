package org.socd.rules.sigma;

import java.util.List;
import java.util.Map;
import org.socd.rules.Level;
import org.socd.rules.logsource.RuleLogsource;
import org.socd.rules.yaml.SourceLocation;

/**
 * A parsed, validated Sigma detection rule, before compilation into matchers.
 *
 * @param identifiers the search identifiers of {@code detection} in document order
 * @param conditions  the condition (a list of conditions is ORed)
 * @param source      the file the rule came from
 */
public record SigmaRule(
        String id,
        String title,
        String status,
        String description,
        String author,
        String date,
        List<String> tags,
        Level level,
        RuleLogsource logsource,
        Map<String, Selection> identifiers,
        List<Condition> conditions,
        SourceLocation conditionLocation,
        SourceLocation source) {

    public SigmaRule {
        tags = List.copyOf(tags);
        identifiers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(identifiers));
        conditions = List.copyOf(conditions);
    }
}
