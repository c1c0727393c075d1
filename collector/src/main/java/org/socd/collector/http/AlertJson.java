package org.socd.collector.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socd.correlator.alerts.Alert;

/**
 * The JSON shape of an alert in the API. The names are the query fields analysts type
 * ({@code level:high AND host:PC-01*}), so the two must not drift apart.
 */
public final class AlertJson {
    private AlertJson() {
    }

    public static Map<String, Object> toJson(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("rule_id", a.ruleId());
        m.put("rule_title", a.ruleTitle());
        m.put("level", a.level().sigmaName());
        m.put("tags", a.tags());
        m.put("status", a.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("host", a.host());
        m.put("user", a.user());
        m.put("src_ip", a.srcIp());
        m.put("timestamp", a.timestamp() == null ? null : a.timestamp().toString());
        m.put("detected_at", a.detectedAt().toString());
        // Triage notes arrive with the analyst workflow; the field is already part of the shape.
        m.put("notes", List.of());
        m.put("events", List.of(a.event()));
        return m;
    }
}
