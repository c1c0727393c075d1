package org.socd.rules.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.socd.rules.matching.EventFields;

/**
 * The per-event candidate set: which rules can possibly match, from one Aho-Corasick pass per
 * field over the event's lower-cased values (see {@link RequiredLiterals}). Immutable and
 * thread-safe; the per-event result is a fresh bit set.
 */
final class Prefilter {

    /** Literal automaton of one field, and for each literal id the rules it may unlock. */
    private record FieldIndex(AhoCorasick automaton, int[][] rulesByLiteral) {}

    private final int ruleCount;
    private final boolean[] alwaysEvaluate;
    /** Per rule, the fields its literals live in (to compute the fields one logsource needs). */
    private final List<Set<String>> fieldsByRule;
    private final Map<String, FieldIndex> byField;

    Prefilter(List<? extends CompiledRule> rules) {
        ruleCount = rules.size();
        alwaysEvaluate = new boolean[ruleCount];
        fieldsByRule = new ArrayList<>(ruleCount);
        Map<String, Map<String, List<Integer>>> literals = new LinkedHashMap<>();
        for (int i = 0; i < ruleCount; i++) {
            List<RequiredLiterals.Literal> required = RequiredLiterals.of(rules.get(i).matcher());
            Set<String> fields = new LinkedHashSet<>();
            if (required == null) {
                alwaysEvaluate[i] = true;
            } else {
                for (RequiredLiterals.Literal literal : required) {
                    fields.add(literal.field());
                    List<Integer> owners = literals.computeIfAbsent(literal.field(), f -> new LinkedHashMap<>())
                            .computeIfAbsent(literal.text(), t -> new ArrayList<>());
                    if (owners.isEmpty() || owners.get(owners.size() - 1) != i) {
                        owners.add(i);
                    }
                }
            }
            fieldsByRule.add(Set.copyOf(fields));
        }
        Map<String, FieldIndex> indexes = new HashMap<>();
        literals.forEach((field, byText) -> {
            List<String> texts = new ArrayList<>(byText.keySet());
            int[][] owners = new int[texts.size()][];
            for (int k = 0; k < texts.size(); k++) {
                owners[k] = byText.get(texts.get(k)).stream().mapToInt(Integer::intValue).toArray();
            }
            indexes.put(field, new FieldIndex(new AhoCorasick(texts), owners));
        });
        byField = Map.copyOf(indexes);
    }

    boolean alwaysEvaluate(int rule) {
        return alwaysEvaluate[rule];
    }

    /** The fields whose literals matter to any of {@code rules} (by global rule number). */
    List<String> fieldsOf(int[] rules) {
        Set<String> fields = new LinkedHashSet<>();
        for (int rule : rules) {
            fields.addAll(fieldsByRule.get(rule));
        }
        return List.copyOf(fields);
    }

    /** A bit set over rule numbers: set when one of the rule's literals occurs in the event. */
    long[] scan(EventFields event, List<String> fields) {
        long[] hit = new long[(ruleCount + 63) >>> 6];
        for (int f = 0; f < fields.size(); f++) {
            String field = fields.get(f);
            List<String> values = event.lowerCaseValues(field);
            if (values.isEmpty()) {
                continue;
            }
            FieldIndex index = byField.get(field);
            int[][] owners = index.rulesByLiteral();
            for (int v = 0; v < values.size(); v++) {
                index.automaton().search(values.get(v), literal -> {
                    for (int rule : owners[literal]) {
                        hit[rule >>> 6] |= 1L << rule;
                    }
                });
            }
        }
        return hit;
    }

    static boolean isSet(long[] bits, int rule) {
        return (bits[rule >>> 6] & (1L << rule)) != 0;
    }
}
