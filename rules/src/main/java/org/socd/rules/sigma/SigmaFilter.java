package org.socd.rules.sigma;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socd.rules.yaml.SourceLocation;

/**
 * A Sigma meta filter: a detection applied to other rules by id, as {@code rule and filter-condition}
 * (typically {@code not selection}, to tune out known false positives across many rules).
 *
 * @param rules       ids of the rules it applies to
 * @param identifiers its search identifiers
 * @param conditions  its condition(s), ORed
 */
public record SigmaFilter(
        String id,
        String title,
        List<String> rules,
        Map<String, Selection> identifiers,
        List<Condition> conditions,
        SourceLocation conditionLocation,
        SourceLocation source) implements SigmaDocument {

    public SigmaFilter {
        rules = List.copyOf(rules);
        identifiers = Collections.unmodifiableMap(new LinkedHashMap<>(identifiers));
        conditions = List.copyOf(conditions);
    }
}
