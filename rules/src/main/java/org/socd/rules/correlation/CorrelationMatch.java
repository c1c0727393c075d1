package org.socd.rules.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.socd.rules.RuleMatch;

/**
 * A correlation that fired for one group.
 *
 * @param id          deterministic: SHA-256 over the correlation id, the group key and every
 *                    contributing event id, so replaying the same events gives the same id
 * @param correlation what fired
 * @param groupKey    the group-by values, in {@code group-by} order ({@code null} for a missing field)
 * @param value       the aggregate that met the condition: the count, distinct count, distinct
 *                    rule count, sum or average
 * @param first       the earliest contributing event time
 * @param last        the latest contributing event time
 * @param eventCount  how many events were in the window
 * @param events      the most recent contributing events, oldest first, at most
 *                    {@link CorrelationLimits#eventsPerMatch()}
 * @param alerts      whether the match is reported by itself (false when an outer correlation
 *                    references this one without {@code generate: true})
 */
public record CorrelationMatch(String id, Correlation correlation, List<String> groupKey, double value,
                               Instant first, Instant last, int eventCount, List<Contribution> events,
                               boolean alerts) {

    public CorrelationMatch {
        groupKey = Collections.unmodifiableList(new ArrayList<>(groupKey)); // may hold null: a missing field
        events = List.copyOf(events);
    }

    /** The correlation's id, title, level and tags. */
    public RuleMatch rule() {
        return correlation.match();
    }

    /**
     * The latest contributing event by event time: usually the one whose arrival made the
     * correlation fire (an event arriving out of order may complete a window without being latest).
     */
    public Contribution trigger() {
        return events.get(events.size() - 1);
    }
}
