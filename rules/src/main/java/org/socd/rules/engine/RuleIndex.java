package org.socd.rules.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.socd.rules.logsource.EventLogsource;
import org.socd.rules.logsource.RuleLogsource;

/**
 * Rules grouped by the exact logsource they ask for. An event with products P, categories C and
 * services S can only satisfy keys whose parts are in P, C, S or unset, so candidate lookup is a
 * handful of map probes (|P|+1)(|C|+1)(|S|+1) instead of a walk over every rule.
 */
final class RuleIndex {

    /** Beyond this many distinct event logsources, candidates are computed without caching. */
    private static final int MEMO_LIMIT = 4096;

    private final Map<RuleLogsource, List<CompiledRule>> byLogsource;
    private final Map<CompiledRule, Integer> loadOrder = new IdentityHashMap<>();
    // Events fall into a handful of logsource combinations (bounded by the mapping table), so
    // the flattened candidate list per combination is computed once and shared by all threads.
    private final ConcurrentHashMap<EventLogsource, Candidates> memo = new ConcurrentHashMap<>();
    private final Prefilter prefilter;

    /**
     * The rules one kind of event can satisfy: {@code rules} as a bit set over rule numbers (load
     * order), {@code alwaysEvaluate} those of them without a usable literal, and the literal
     * indexes to scan for them. Shared: the arrays are never modified.
     */
    record Candidates(long[] rules, long[] alwaysEvaluate, Prefilter.FieldIndex[] literalIndexes, boolean isEmpty) {}

    RuleIndex(List<? extends CompiledRule> rules) {
        Map<RuleLogsource, List<CompiledRule>> grouped = new HashMap<>();
        for (CompiledRule rule : rules) {
            loadOrder.put(rule, loadOrder.size());
            grouped.computeIfAbsent(rule.logsource(), k -> new ArrayList<>()).add(rule);
        }
        this.prefilter = new Prefilter(rules);
        Map<RuleLogsource, List<CompiledRule>> frozen = new HashMap<>();
        grouped.forEach((key, list) -> frozen.put(key, List.copyOf(list)));
        this.byLogsource = Map.copyOf(frozen);
    }

    Prefilter prefilter() {
        return prefilter;
    }

    /** Every rule whose logsource the event satisfies. */
    Candidates candidates(EventLogsource event) {
        Candidates cached = memo.get(event);
        if (cached != null) {
            return cached;
        }
        // Restricted literal indexes are built once per kind of event; never per event.
        boolean cacheable = memo.size() < MEMO_LIMIT;
        List<CompiledRule> rules = compute(event);
        long[] mask = new long[Prefilter.words(loadOrder.size())];
        for (CompiledRule rule : rules) {
            int number = loadOrder.get(rule);
            mask[number >>> 6] |= 1L << number;
        }
        long[] always = prefilter.alwaysEvaluate().clone();
        for (int w = 0; w < always.length; w++) {
            always[w] &= mask[w];
        }
        Candidates computed = new Candidates(mask, always, prefilter.indexesFor(mask, cacheable), rules.isEmpty());
        if (cacheable) {
            Candidates raced = memo.putIfAbsent(event, computed);
            return raced != null ? raced : computed;
        }
        return computed;
    }

    private List<CompiledRule> compute(EventLogsource event) {
        List<CompiledRule> rules = new ArrayList<>();
        for (String product : withUnset(event.products())) {
            for (String category : withUnset(event.categories())) {
                for (String service : withUnset(event.services())) {
                    List<CompiledRule> group = byLogsource.get(new RuleLogsource(product, category, service));
                    if (group != null) {
                        rules.addAll(group);
                    }
                }
            }
        }
        return rules;
    }

    private static List<String> withUnset(Set<String> values) {
        List<String> list = new ArrayList<>(values.size() + 1);
        list.add(null);
        list.addAll(values);
        return list;
    }
}
