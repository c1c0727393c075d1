package org.socd.collector.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socd.correlator.alerts.Alert;
import org.socd.correlator.alerts.HistoryEntry;
import org.socd.correlator.alerts.Note;
import org.socd.correlator.alerts.StoredAlert;

/**
 * The JSON shape of an alert in the API. The names are the query fields analysts type
 * ({@code level:high AND host:PC-01*}), so the two must not drift apart.
 */
public final class AlertJson {
    private AlertJson() {
    }

    public static Map<String, Object> toJson(StoredAlert s) {
        Alert a = s.alert();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("rule_id", a.ruleId());
        m.put("rule_title", a.ruleTitle());
        m.put("level", a.level().sigmaName());
        m.put("tags", a.tags());
        m.put("tactics", s.tactics());
        m.put("techniques", s.techniques());
        m.put("status", a.status().jsonName());
        m.put("assignee", s.assignee());
        m.put("resolution", s.resolution());
        m.put("host", a.host());
        m.put("user", a.user());
        m.put("src_ip", a.srcIp());
        m.put("dst_ip", s.dstIp());
        m.put("agent_id", s.agentId());
        m.put("timestamp", a.timestamp().toString());
        m.put("detected_at", a.detectedAt().toString());
        m.put("notes", s.notes().stream().map(AlertJson::note).toList());
        m.put("history", s.history().stream().map(AlertJson::change).toList());
        m.put("events", events(a));
        return m;
    }

    /**
     * The events behind the alert: the one event of a rule match, or the contributing events a
     * correlation alert carries (the most recent ones, capped by the correlation engine).
     */
    private static List<?> events(Alert a) {
        if (a.event().get("correlation") instanceof Map<?, ?> && a.event().get("events") instanceof List<?> events) {
            return events;
        }
        return List.of(a.event());
    }

    private static Map<String, Object> note(Note n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", n.at().toString());
        m.put("author", n.author());
        m.put("text", n.text());
        return m;
    }

    private static Map<String, Object> change(HistoryEntry h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", h.at().toString());
        m.put("by", h.by());
        m.put("action", h.action());
        m.put("detail", h.detail());
        return m;
    }
}
