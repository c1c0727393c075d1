package org.socd.correlator.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socd.correlator.alerts.Alert;
import org.socd.correlator.alerts.AlertStatus;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;
import org.socd.rules.RuleMatch;
import org.socd.rules.correlation.Contribution;
import org.socd.rules.correlation.CorrelationMatch;
import org.socd.rules.correlation.EventTime;
import org.socd.rules.ids.IdDigest;

/**
 * Builds the alert for one rule match on one record: a deterministic id, and the host, user,
 * source address and time taken from whichever normalized or Windows field the event has.
 * Not thread-safe (it reuses one digest); the alert stage owns one.
 */
final class AlertFactory {

    private static final String[] HOST_FIELDS = {Event.HOSTNAME, "Computer", Event.SOURCE_IP};
    private static final String[] USER_FIELDS = {"user", "TargetUserName", "SubjectUserName"};
    /**
     * Not {@code source_ip}: that is the syslog sender (a server or relay), not the address the
     * activity came from, and an analyst pivoting on src_ip must not land on the log server.
     */
    private static final String[] SRC_IP_FIELDS = {"src_ip", "IpAddress"};

    private final Clock clock;
    private final IdDigest digest = new IdDigest();

    AlertFactory(Clock clock) {
        this.clock = clock;
    }

    Alert create(RuleMatch match, Event event, ReceiveMetadata meta, byte[] raw, int rawLength) {
        return new Alert(
                id(match.ruleId(), meta, raw, rawLength),
                match.ruleId(),
                match.ruleTitle(),
                match.level(),
                match.tags(),
                AlertStatus.NEW,
                first(event, HOST_FIELDS),
                first(event, USER_FIELDS),
                first(event, SRC_IP_FIELDS),
                EventTime.of(event, Instant.ofEpochSecond(0, meta.receivedNanos())),
                clock.instant(),
                event.fields());
    }

    /**
     * The alert for a correlation match. Its id is the match's (SHA-256 over the correlation id,
     * the group key and every contributing event id), so a journal replay that feeds the same
     * events rewrites the alert instead of duplicating it. Its event holds a {@code correlation}
     * summary, a readable {@code message} and, in {@code events}, the most recent contributing
     * events (capped by the engine); host, user and source address come from the latest one.
     */
    Alert create(CorrelationMatch match) {
        Event latest = match.trigger().event();
        Map<String, Object> group = new LinkedHashMap<>();
        List<String> groupBy = match.correlation().definition().groupBy();
        for (int i = 0; i < groupBy.size(); i++) {
            group.put(groupBy.get(i), match.groupKey().get(i));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("type", match.correlation().type().sigmaName());
        summary.put("group", group);
        summary.put("value", match.value());
        summary.put("event_count", match.eventCount());
        summary.put("timespan", match.correlation().definition().timespan().toString());
        summary.put("first", match.first().toString());
        summary.put("last", match.last().toString());
        List<Object> events = new ArrayList<>();
        for (Contribution contribution : match.events()) {
            events.add(contribution.event().fields());
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put(Event.MESSAGE, match.rule().ruleTitle() + ": " + match.correlation().type().sigmaName() + " "
                + format(match.value()) + " over " + match.eventCount() + " events" + (group.isEmpty() ? "" : " for " + group));
        document.put("correlation", summary);
        document.put("events", events);
        RuleMatch rule = match.rule();
        return new Alert(match.id(), rule.ruleId(), rule.ruleTitle(), rule.level(), rule.tags(), AlertStatus.NEW,
                first(latest, HOST_FIELDS), first(latest, USER_FIELDS), first(latest, SRC_IP_FIELDS),
                match.last(), clock.instant(), document);
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /**
     * The id of the record itself, which correlations use to identify contributing events: the
     * same hash as {@link #id} without a rule id, so stable across a journal replay.
     */
    String eventId(ReceiveMetadata meta, byte[] raw, int rawLength) {
        return id(null, meta, raw, rawLength);
    }

    /**
     * Hex of SHA-256 over (rule id, input, peer address, peer port, receive nanos, raw bytes),
     * first 32 hex characters. Everything hashed comes from the journal record, so a replay
     * computes the same id and the store overwrites instead of duplicating. Strings and the
     * raw bytes are length-prefixed so that no two different tuples hash the same bytes.
     */
    String id(String ruleId, ReceiveMetadata meta, byte[] raw, int rawLength) {
        return digest.reset().putString(ruleId).putString(meta.input()).putString(meta.peerAddress())
                .putLong(meta.peerPort()).putLong(meta.receivedNanos()).putBytes(raw, rawLength).hex128();
    }

    private static String first(Event event, String[] names) {
        for (String name : names) {
            String value = event.getString(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
