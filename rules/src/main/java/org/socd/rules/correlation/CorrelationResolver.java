package org.socd.rules.correlation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;
import org.socd.rules.matching.EventFields;
import org.socd.rules.yaml.RuleSyntaxException;

/**
 * Resolves the references of every loaded correlation once all files are read (a correlation may
 * name a rule of another file, by id or {@code name}), rejects what cannot be evaluated (a missing
 * reference, a cycle, a correlation built on a rejected one) and orders the rest so that a
 * correlation runs after those it references.
 */
public final class CorrelationResolver {

    /**
     * What resolving produced.
     *
     * @param correlations the usable correlations
     * @param errors       one per rejected correlation, at its position
     */
    public record Result(Correlations correlations, List<RuleSyntaxException> errors) {
        public Result {
            errors = List.copyOf(errors);
        }
    }

    private final Map<String, SigmaCorrelation> byId = new LinkedHashMap<>();
    private final Set<String> ruleIds;
    private final Map<String, String> idsByName;
    private final List<RuleSyntaxException> errors = new ArrayList<>();
    /** Resolved reference ids per correlation id, for the correlations still valid. */
    private final Map<String, List<String>> resolved = new LinkedHashMap<>();

    private CorrelationResolver(Set<String> ruleIds, Map<String, String> idsByName) {
        this.ruleIds = ruleIds;
        this.idsByName = idsByName;
    }

    /**
     * @param definitions the parsed correlations, in load order
     * @param ruleIds     the ids of the detection rules that loaded
     * @param ruleNames   detection rule {@code name} to id
     * @param fieldsOf    how the engine sees an event (the rule engine's logsource field renames)
     */
    public static Result resolve(List<SigmaCorrelation> definitions, Set<String> ruleIds, Map<String, String> ruleNames,
                                 Function<Event, EventFields> fieldsOf) {
        Map<String, String> names = new HashMap<>(ruleNames);
        CorrelationResolver resolver = new CorrelationResolver(ruleIds, names);
        for (SigmaCorrelation definition : definitions) {
            if (ruleIds.contains(definition.id()) || resolver.byId.containsKey(definition.id())) {
                resolver.errors.add(new RuleSyntaxException(definition.source(), "duplicate rule id '" + definition.id()
                        + "'; give the correlation a fresh UUID"));
                continue;
            }
            if (definition.name() != null && names.putIfAbsent(definition.name(), definition.id()) != null) {
                resolver.errors.add(new RuleSyntaxException(definition.source(), "duplicate rule name '"
                        + definition.name() + "'; names must be unique across the loaded rules"));
                continue;
            }
            resolver.byId.put(definition.id(), definition);
        }
        return resolver.run(fieldsOf);
    }

    private Result run(Function<Event, EventFields> fieldsOf) {
        for (SigmaCorrelation definition : byId.values()) {
            List<String> ids = new ArrayList<>();
            for (RuleReference reference : definition.rules()) {
                String id = lookup(reference.text());
                if (id == null) {
                    errors.add(new RuleSyntaxException(reference.location(), "correlation '" + definition.title()
                            + "' references '" + reference.text() + "', which is the id or name of no loaded rule; "
                            + "fix the reference or load the rule (did it fail to load?)"));
                    ids = null;
                    break;
                }
                ids.add(id);
            }
            if (ids != null && aliasesValid(definition, ids)) {
                resolved.put(definition.id(), ids);
            }
        }
        dropDependentsOfRejected();
        rejectCycles();
        List<Correlation> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String id : resolved.keySet()) {
            order(id, done, ordered);
        }
        Set<String> silenced = new HashSet<>();
        Set<String> generated = new HashSet<>();
        for (Correlation correlation : ordered) {
            (correlation.definition().generate() ? generated : silenced).addAll(correlation.ruleIds());
        }
        silenced.removeAll(generated);
        return new Result(new Correlations(ordered, silenced, fieldsOf), errors);
    }

    private String lookup(String reference) {
        if (ruleIds.contains(reference) || byId.containsKey(reference)) {
            return reference;
        }
        return idsByName.get(reference);
    }

    /** A correlation on top of a rejected (or missing) correlation cannot run either; repeat until stable. */
    private void dropDependentsOfRejected() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var it = resolved.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                for (String id : entry.getValue()) {
                    if (byId.containsKey(id) && !resolved.containsKey(id)) {
                        SigmaCorrelation definition = byId.get(entry.getKey());
                        errors.add(new RuleSyntaxException(definition.source(), "correlation '" + definition.title()
                                + "' is built on correlation '" + byId.get(id).title() + "' (" + id
                                + "), which was rejected; fix that one first"));
                        it.remove();
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    private void rejectCycles() {
        Set<String> finished = new HashSet<>();
        for (String id : List.copyOf(resolved.keySet())) {
            List<String> path = new ArrayList<>();
            List<String> cycle = findCycle(id, path, finished);
            if (cycle != null) {
                for (String member : cycle) {
                    if (resolved.remove(member) != null) {
                        errors.add(new RuleSyntaxException(byId.get(member).source(), "correlation '"
                                + byId.get(member).title() + "' is part of a reference cycle " + String.join(" -> ", cycle)
                                + " -> " + cycle.get(0) + "; a correlation cannot depend on itself, break the cycle"));
                    }
                }
                dropDependentsOfRejected();
            }
        }
    }

    private List<String> findCycle(String id, List<String> path, Set<String> finished) {
        if (finished.contains(id) || !resolved.containsKey(id)) {
            return null;
        }
        int at = path.indexOf(id);
        if (at >= 0) {
            return List.copyOf(path.subList(at, path.size()));
        }
        path.add(id);
        for (String next : resolved.get(id)) {
            List<String> cycle = findCycle(next, path, finished);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        finished.add(id);
        return null;
    }

    private void order(String id, Set<String> done, List<Correlation> ordered) {
        if (!resolved.containsKey(id) || !done.add(id)) {
            return;
        }
        for (String input : resolved.get(id)) {
            order(input, done, ordered);
        }
        ordered.add(build(byId.get(id), resolved.get(id)));
    }

    /** Every rule an alias names must be one the correlation references; else the alias could never apply. */
    private boolean aliasesValid(SigmaCorrelation definition, List<String> ids) {
        for (Map.Entry<String, Map<String, String>> alias : definition.aliases().entrySet()) {
            for (String rule : alias.getValue().keySet()) {
                String id = lookup(rule);
                if (id == null || !ids.contains(id)) {
                    errors.add(new RuleSyntaxException(definition.source(), "alias '" + alias.getKey() + "' names rule '"
                            + rule + "', which correlation '" + definition.title()
                            + "' does not reference; use a name or id from its 'rules'"));
                    return false;
                }
            }
        }
        return true;
    }

    /** Applies the aliases per referenced rule. */
    private Correlation build(SigmaCorrelation definition, List<String> ids) {
        List<List<String>> groupFields = new ArrayList<>();
        List<List<String>> valueFields = new ArrayList<>();
        for (String id : ids) {
            groupFields.add(definition.groupBy().stream().map(field -> aliased(definition, field, id)).toList());
            valueFields.add(definition.fields().stream().map(field -> aliased(definition, field, id)).toList());
        }
        RuleMatch match = new RuleMatch(definition.id(), definition.title(), definition.level(), definition.tags());
        return new Correlation(definition, ids, groupFields, valueFields, match);
    }

    private String aliased(SigmaCorrelation definition, String field, String ruleId) {
        Map<String, String> byRule = definition.aliases().get(field);
        if (byRule == null) {
            return field;
        }
        for (Map.Entry<String, String> entry : byRule.entrySet()) {
            if (ruleId.equals(lookup(entry.getKey()))) {
                return entry.getValue();
            }
        }
        return field; // the alias says nothing for this rule: its events carry the field under the alias name
    }
}
