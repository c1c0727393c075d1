package org.socd.rules.engine;

import java.util.ArrayList;
import java.util.Comparator;
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
     * The rules one kind of event can satisfy, in load order, with their global numbers (for the
     * pre-filter's bit set) and the fields their required literals live in.
     */
    record Candidates(List<CompiledRule> rules, int[] numbers, List<String> literalFields) {}

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

    /** Every rule whose logsource the event satisfies, each once, in a shared immutable list. */
    Candidates candidates(EventLogsource event) {
        Candidates cached = memo.get(event);
        if (cached != null) {
            return cached;
        }
        List<CompiledRule> rules = compute(event);
        int[] numbers = new int[rules.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = loadOrder.get(rules.get(i));
        }
        Candidates computed = new Candidates(rules, numbers, prefilter.fieldsOf(numbers));
        if (memo.size() < MEMO_LIMIT) {
            memo.putIfAbsent(event, computed);
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
        // Load order, so matches come out in the same order however the index is probed.
        rules.sort(Comparator.comparingInt(loadOrder::get));
        return List.copyOf(rules);
    }

    private static List<String> withUnset(Set<String> values) {
        List<String> list = new ArrayList<>(values.size() + 1);
        list.add(null);
        list.addAll(values);
        return list;
    }
}
