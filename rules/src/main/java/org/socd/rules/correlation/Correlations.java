package org.socd.rules.correlation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.socd.protocol.event.Event;
import org.socd.rules.engine.RuleEngine;
import org.socd.rules.matching.EventFields;

/**
 * An immutable, resolved set of correlations: in evaluation order (a correlation after every
 * correlation it references), which correlations each rule feeds, and which rules are silenced
 * because a correlation references them without {@code generate: true}. Shared between threads;
 * the state lives in a {@link CorrelationEngine}, one per consumer thread.
 */
public final class Correlations {

    private static final Correlations NONE = new Correlations(List.of(), Set.of(), EventFields::new);

    private final List<Correlation> ordered;
    private final Set<String> silenced;
    private final Map<String, List<Correlation>> byInput;
    private final Function<Event, EventFields> fieldsOf;

    Correlations(List<Correlation> ordered, Set<String> silenced, Function<Event, EventFields> fieldsOf) {
        this.ordered = List.copyOf(ordered);
        this.silenced = Set.copyOf(silenced);
        this.fieldsOf = fieldsOf;
        Map<String, List<Correlation>> inputs = new HashMap<>();
        for (Correlation correlation : this.ordered) {
            for (String id : correlation.ruleIds()) {
                inputs.computeIfAbsent(id, k -> new ArrayList<>()).add(correlation);
            }
        }
        inputs.replaceAll((k, v) -> List.copyOf(v));
        this.byInput = Map.copyOf(inputs);
    }

    /**
     * How correlations read an event's fields: as {@code engine}'s rules do, with the field
     * renames of the event's logsource under the engine's mapping.
     */
    public static Function<Event, EventFields> fieldsAsIn(RuleEngine engine) {
        return event -> {
            EventFields fields = new EventFields(event);
            fields.useAliases(engine.logsourceOf(event).fieldAliases());
            return fields;
        };
    }

    /** The same correlations reading fields as {@code engine}'s rules do (after a change of logsource mapping). */
    public Correlations readingFieldsAsIn(RuleEngine engine) {
        return isEmpty() ? this : new Correlations(ordered, silenced, fieldsAsIn(engine));
    }

    /** No correlations: every rule alerts on its own. */
    public static Correlations none() {
        return NONE;
    }

    /** The correlations, each after those it references. */
    public List<Correlation> ordered() {
        return ordered;
    }

    public int size() {
        return ordered.size();
    }

    public boolean isEmpty() {
        return ordered.isEmpty();
    }

    /**
     * Whether a match of this rule or correlation is reported by itself: false when a correlation
     * references it and no correlation referencing it says {@code generate: true}.
     */
    public boolean alertsOnItsOwn(String ruleId) {
        return !silenced.contains(ruleId);
    }

    /** Whether some correlation takes matches of this rule or correlation as input. */
    public boolean feeds(String ruleId) {
        return byInput.containsKey(ruleId);
    }

    /** The event as rule matching sees it (the logsource's field renames applied), for group-by and value fields. */
    EventFields fieldsOf(Event event) {
        return fieldsOf.apply(event);
    }
}
