package org.socd.rules.correlation;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socd.rules.Level;
import org.socd.rules.yaml.SourceLocation;

/**
 * A parsed Sigma correlation rule, its references not yet resolved.
 *
 * @param id         the {@code id}, or a name derived from the file when it has none
 * @param name       the {@code name} other correlations may reference it by, or null
 * @param rules      the referenced rules and correlations, by id or name, in the order written
 *                   (the order matters for {@code temporal_ordered})
 * @param groupBy    the {@code group-by} fields (or alias names); empty means one group for all events
 * @param thresholds the condition's criteria, ANDed; empty for {@code temporal}/{@code temporal_ordered}
 *                   without a condition, which then require every referenced rule
 * @param fields     {@code condition.field}: the value field(s) of the {@code value_*} types, else empty
 * @param aliases    alias name to (rule id or name to the event field it stands for in that rule's events)
 * @param generate   whether the referenced rules still alert on their own
 * @param source     where the correlation document starts
 */
public record SigmaCorrelation(
        String id,
        String name,
        String title,
        Level level,
        List<String> tags,
        CorrelationType type,
        List<RuleReference> rules,
        List<String> groupBy,
        Duration timespan,
        List<Threshold> thresholds,
        List<String> fields,
        Map<String, Map<String, String>> aliases,
        boolean generate,
        SourceLocation source) {

    public SigmaCorrelation {
        tags = List.copyOf(tags);
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        thresholds = List.copyOf(thresholds);
        fields = List.copyOf(fields);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        aliases.forEach((alias, byRule) -> copy.put(alias, Collections.unmodifiableMap(new LinkedHashMap<>(byRule))));
        aliases = Collections.unmodifiableMap(copy);
    }
}
