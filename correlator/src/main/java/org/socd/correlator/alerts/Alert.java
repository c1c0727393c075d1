package org.socd.correlator.alerts;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.socd.rules.Level;

/**
 * One rule that fired on one event, as analysts see it.
 *
 * @param id         deterministic id (see the pipeline's alert stage), so a journal replay
 *                   overwrites the alert instead of duplicating it
 * @param ruleId     the Sigma rule id
 * @param ruleTitle  the Sigma rule title
 * @param level      the rule level
 * @param tags       the rule tags, e.g. {@code attack.t1110}
 * @param status     the analyst workflow status
 * @param host       the host the event is about, or null when the event names none
 * @param user       the user the event is about, or null
 * @param srcIp      the source address the event names, or null
 * @param timestamp  event time (the event's own timestamp, else when it was received)
 * @param detectedAt when the daemon raised the alert
 * @param event      the triggering event's fields, read-only
 */
public record Alert(String id, String ruleId, String ruleTitle, Level level, List<String> tags, AlertStatus status,
                    String host, String user, String srcIp, Instant timestamp, Instant detectedAt,
                    Map<String, Object> event) {
    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(detectedAt, "detectedAt");
        ruleTitle = ruleTitle == null ? "" : ruleTitle;
        tags = tags == null ? List.of() : List.copyOf(tags);
        // A copy keeps insertion order (analysts read fields in the order the parser produced
        // them) and decouples the alert from whatever map the caller keeps mutating.
        event = event == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(event));
    }
}
