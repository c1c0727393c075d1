package org.socd.rules.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.socd.rules.logsource.EventLogsource;
import org.socd.rules.logsource.RuleLogsource;

/**
 * Rules grouped by the exact logsource they ask for. An event with products P, categories C and
 * services S can only satisfy keys whose parts are in P, C, S or unset, so candidate lookup is a
 * handful of map probes (|P|+1)(|C|+1)(|S|+1) instead of a walk over every rule.
 */
final class RuleIndex {

    private final Map<RuleLogsource, List<CompiledRule>> byLogsource;

    RuleIndex(List<? extends CompiledRule> rules) {
        Map<RuleLogsource, List<CompiledRule>> grouped = new HashMap<>();
        for (CompiledRule rule : rules) {
            grouped.computeIfAbsent(rule.logsource(), k -> new ArrayList<>()).add(rule);
        }
        Map<RuleLogsource, List<CompiledRule>> frozen = new HashMap<>();
        grouped.forEach((key, list) -> frozen.put(key, List.copyOf(list)));
        this.byLogsource = Map.copyOf(frozen);
    }

    /** Every group of rules whose logsource the event satisfies. Each rule appears once. */
    List<List<CompiledRule>> candidates(EventLogsource event) {
        List<List<CompiledRule>> groups = new ArrayList<>();
        for (String product : withUnset(event.products())) {
            for (String category : withUnset(event.categories())) {
                for (String service : withUnset(event.services())) {
                    List<CompiledRule> group = byLogsource.get(new RuleLogsource(product, category, service));
                    if (group != null) {
                        groups.add(group);
                    }
                }
            }
        }
        return groups;
    }

    private static List<String> withUnset(java.util.Set<String> values) {
        List<String> list = new ArrayList<>(values.size() + 1);
        list.add(null);
        list.addAll(values);
        return list;
    }
}
