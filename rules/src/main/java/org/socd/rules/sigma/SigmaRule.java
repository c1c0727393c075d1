package org.socd.rules.sigma;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socd.rules.Level;
import org.socd.rules.logsource.RuleLogsource;
import org.socd.rules.yaml.SourceLocation;

/**
 * A parsed, validated Sigma detection rule, before compilation into matchers.
 *
 * @param id          the rule's {@code id}, or the file name when the rule has none
 * @param level       the rule's {@code level}, {@code medium} when the rule has none
 * @param identifiers the search identifiers of {@code detection} in document order
 * @param conditions  the condition (a list of conditions is ORed)
 * @param conditionLocation where the condition was written, for errors found while compiling it
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
        SourceLocation source) implements SigmaDocument {

    public SigmaRule {
        tags = List.copyOf(tags);
        identifiers = Collections.unmodifiableMap(new LinkedHashMap<>(identifiers));
        conditions = List.copyOf(conditions);
    }
}
