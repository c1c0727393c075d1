package org.socd.rules.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;
import org.socd.rules.matching.EventFields;

/**
 * Evaluates a set of {@link Correlations} over a stream of events and their rule matches, keeping
 * a sliding window per (correlation, group key). Not thread-safe by design: the state must see
 * every event in one order, so exactly one thread feeds it (the daemon's alert stage, or
 * {@code soc hunt}).
 *
 * <p>Semantics chosen where Sigma leaves them open:
 * <ul>
 *   <li>Time is the event's {@code timestamp} (else the receive time). A group's window ends at
 *       the latest event time seen in it and spans the timespan back; events out of order are
 *       inserted in time order as long as they fall inside that window, older ones are dropped and
 *       counted ({@link CorrelationMetrics#lateEvent}).</li>
 *   <li>The condition is tested each time an event enters a group's window. When it holds the
 *       correlation fires once and the group's window is emptied, so one burst of 50 failed logins
 *       against {@code gte: 5} gives one alert per 5, not one per event after the fifth.</li>
 *   <li>An event matching several referenced rules counts once per group (its entry records all
 *       of those rules). A missing group-by field groups under {@code null}: the events are still
 *       correlated, with each other.</li>
 *   <li>A fired correlation is an input, at the same event, for correlations that reference it.</li>
 *   <li>State is bounded by {@link CorrelationLimits}; what the bounds drop is counted.</li>
 * </ul>
 */
public final class CorrelationEngine {

    /** Idle groups (window wholly expired) freed per event and correlation; spreads the clean-up over time. */
    private static final int IDLE_CHECKS = 4;

    private final Correlations correlations;
    private final CorrelationLimits limits;
    private final CorrelationMetrics metrics;
    private final List<State> states = new ArrayList<>();
    private final MatchIds ids = new MatchIds();

    /** One correlation's groups, least recently updated first, and how many entries they hold together. */
    private static final class State {
        final LinkedHashMap<List<String>, GroupWindow> groups = new LinkedHashMap<>(16, 0.75f, true);
        int entries;
    }

    /** A referenced rule's (or inner correlation's) match at this event. */
    private record Input(String eventId, Instant time) {}

    public CorrelationEngine(Correlations correlations, CorrelationLimits limits, CorrelationMetrics metrics) {
        this.correlations = Objects.requireNonNull(correlations, "correlations");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        for (int i = 0; i < correlations.size(); i++) {
            states.add(new State());
        }
    }

    /** The set this engine evaluates (the daemon builds a new engine when a reload brings a new set). */
    public Correlations correlations() {
        return correlations;
    }

    /** Groups held over all correlations now, for a gauge. */
    public int groups() {
        int groups = 0;
        for (State state : states) {
            groups += state.groups.size();
        }
        return groups;
    }

    /**
     * Feeds one event and the rules it matched; returns the correlations that fired, inner ones
     * before those built on them (empty, not allocated, in the common case of no referenced rule).
     *
     * @param eventId  a stable id of the event (part of match ids)
     * @param received when the event was received, its time when it has no readable timestamp
     */
    public List<CorrelationMatch> offer(List<RuleMatch> matches, Event event, String eventId, Instant received) {
        if (correlations.isEmpty() || matches.isEmpty() || !anyFeeds(matches)) {
            return List.of();
        }
        Instant time = EventTime.of(event, received);
        if (!representable(time)) {
            time = received;
        }
        Map<String, Input> inputs = new HashMap<>();
        for (RuleMatch match : matches) {
            inputs.put(match.ruleId(), new Input(eventId, time));
        }
        EventFields fields = correlations.fieldsOf(event);
        List<CorrelationMatch> fired = new ArrayList<>(1);
        List<Correlation> ordered = correlations.ordered();
        for (int c = 0; c < ordered.size(); c++) {
            Correlation correlation = ordered.get(c);
            Map<List<Object>, Pending> pending = collect(correlation, inputs, fields);
            if (pending == null) {
                continue;
            }
            for (Pending p : pending.values()) {
                CorrelationMatch match = add(states.get(c), correlation, p, event);
                if (match != null) {
                    fired.add(match);
                    inputs.put(correlation.id(), new Input(match.id(), match.last()));
                }
            }
        }
        return fired;
    }

    private boolean anyFeeds(List<RuleMatch> matches) {
        for (RuleMatch match : matches) {
            if (correlations.feeds(match.ruleId())) {
                return true;
            }
        }
        return false;
    }

    /** Instants whose epoch milliseconds fit a long (year ±292 million); anything else is a broken clock. */
    private static boolean representable(Instant time) {
        return time.getEpochSecond() > Long.MIN_VALUE / 1000 + 1 && time.getEpochSecond() < Long.MAX_VALUE / 1000 - 1;
    }

    /** The window entry one input makes in one group: rules as a bit mask, the value read for value_* types. */
    private static final class Pending {
        final List<String> key;
        final Input input;
        long rules;
        String distinct;
        double number;

        Pending(List<String> key, Input input) {
            this.key = key;
            this.input = input;
        }
    }

    /** The correlation's referenced rules that matched, grouped by (group key, input); null when none did. */
    private Map<List<Object>, Pending> collect(Correlation correlation, Map<String, Input> inputs, EventFields fields) {
        Map<List<Object>, Pending> pending = null;
        List<String> ruleIds = correlation.ruleIds();
        for (int i = 0; i < ruleIds.size(); i++) {
            Input input = inputs.get(ruleIds.get(i));
            if (input == null) {
                continue;
            }
            List<String> key = groupKey(fields, correlation.groupFields().get(i));
            String distinct = null;
            double number = 0;
            CorrelationType type = correlation.type();
            if (type.needsField()) {
                List<String> valueFields = correlation.valueFields().get(i);
                if (type == CorrelationType.VALUE_COUNT) {
                    distinct = distinctValue(fields, valueFields);
                    if (distinct == null) {
                        metrics.valueUnreadable(correlation);
                        continue;
                    }
                } else {
                    Double value = numberValue(fields, valueFields.get(0));
                    if (value == null) {
                        metrics.valueUnreadable(correlation);
                        continue;
                    }
                    number = value;
                }
            }
            if (pending == null) {
                pending = new LinkedHashMap<>(2);
            }
            Pending p = pending.computeIfAbsent(List.of(key, input), k -> new Pending(key, input));
            p.rules |= 1L << i;
            p.distinct = distinct;
            p.number = number;
        }
        return pending;
    }

    private CorrelationMatch add(State state, Correlation correlation, Pending pending, Event event) {
        long span = correlation.definition().timespan().toMillis();
        long millis = pending.input.time().toEpochMilli();
        GroupWindow window = state.groups.get(pending.key);
        if (window != null && window.late(millis, span)) {
            metrics.lateEvent(correlation);
            return null;
        }
        if (window == null) {
            window = new GroupWindow(correlation.ruleIds().size(), limits.eventsPerMatch());
            state.groups.put(pending.key, window);
        }
        window.add(new GroupWindow.Entry(millis, pending.input.eventId(), pending.rules, pending.distinct, pending.number),
                new Contribution(pending.input.eventId(), pending.input.time(), event));
        state.entries += 1 - window.expire(span);
        bound(state, correlation, window);

        CorrelationMatch match = null;
        if (holds(correlation, window)) {
            List<String> eventIds = window.eventIds();
            List<Contribution> samples = window.samples();
            match = new CorrelationMatch(ids.id(correlation.id(), pending.key, eventIds), correlation, pending.key,
                    correlation.type() == CorrelationType.TEMPORAL_ORDERED ? correlation.ruleIds().size()
                            : window.aggregate(correlation.type()),
                    window.earliestInstant(), Instant.ofEpochMilli(window.latest()), eventIds.size(), samples,
                    correlations.alertsOnItsOwn(correlation.id()));
            // Reset: the burst that fired is reported; the next alert needs a fresh set of events.
            state.groups.remove(pending.key);
            state.entries -= window.size();
        }
        freeIdle(state, millis - span, window);
        return match;
    }

    private static boolean holds(Correlation correlation, GroupWindow window) {
        SigmaCorrelation definition = correlation.definition();
        if (definition.type() == CorrelationType.TEMPORAL_ORDERED) {
            return window.inOrder();
        }
        double aggregate = window.aggregate(definition.type());
        if (definition.thresholds().isEmpty()) {
            return aggregate >= correlation.ruleIds().size(); // temporal without condition: every rule
        }
        for (Threshold threshold : definition.thresholds()) {
            if (!threshold.test(aggregate)) {
                return false;
            }
        }
        return true;
    }

    /** Enforces the group and entry bounds, evicting the least recently updated groups first. */
    private void bound(State state, Correlation correlation, GroupWindow current) {
        while (state.groups.size() > limits.maxGroups() || state.entries > limits.maxEntries()) {
            if (state.groups.size() == 1) {
                int excess = state.entries - limits.maxEntries();
                for (int i = 0; i < excess; i++) {
                    current.dropOldest();
                }
                state.entries -= excess;
                metrics.entriesDropped(correlation, excess);
                return;
            }
            Iterator<GroupWindow> eldest = state.groups.values().iterator();
            GroupWindow evicted = eldest.next();
            eldest.remove();
            state.entries -= evicted.size();
            metrics.groupEvicted(correlation);
        }
    }

    /**
     * Frees a few least recently updated groups whose windows end before {@code before} (the
     * current event's time minus the span). Measured against the current event, not the latest
     * time ever seen, so that one event with a far-future timestamp cannot expire every window.
     */
    private static void freeIdle(State state, long before, GroupWindow current) {
        Iterator<GroupWindow> it = state.groups.values().iterator();
        for (int i = 0; i < IDLE_CHECKS && it.hasNext(); i++) {
            GroupWindow window = it.next();
            if (window == current || window.latest() >= before) {
                return;
            }
            it.remove();
            state.entries -= window.size();
        }
    }

    private static List<String> groupKey(EventFields fields, List<String> groupFields) {
        if (groupFields.isEmpty()) {
            return List.of();
        }
        List<String> key = new ArrayList<>(groupFields.size());
        for (String field : groupFields) {
            List<String> values = fields.values(field);
            key.add(values.isEmpty() ? null : values.size() == 1 ? values.get(0) : String.join(",", values));
        }
        return Collections.unmodifiableList(key); // may hold null: a missing field groups under null
    }

    /** The field values as one string (a tuple for several fields), or null when any is missing. */
    private static String distinctValue(EventFields fields, List<String> valueFields) {
        StringBuilder tuple = new StringBuilder();
        for (String field : valueFields) {
            List<String> values = fields.values(field);
            if (values.isEmpty()) {
                return null;
            }
            if (!tuple.isEmpty()) {
                tuple.append('\u001e');
            }
            tuple.append(String.join("\u001f", values));
        }
        return tuple.toString();
    }

    private static Double numberValue(EventFields fields, String field) {
        List<String> values = fields.values(field);
        if (values.size() != 1) {
            return null;
        }
        try {
            double value = Double.parseDouble(values.get(0).strip());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
