package org.socd.correlator.alerts;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An alert as the store keeps it: what the pipeline raised plus the analysts' work on it.
 *
 * @param alert      the alert; its {@link Alert#status()} is the current workflow status
 * @param assignee   who works on it, or null
 * @param resolution why it was closed, or null
 * @param notes      triage notes, oldest first
 * @param history    every change, oldest first
 */
public record StoredAlert(Alert alert, String assignee, String resolution, List<Note> notes,
                          List<HistoryEntry> history) {

    /** Event fields that name the agent that shipped the event. */
    private static final String[] AGENT_FIELDS = {"agent_id", "agent.id"};
    /** Event fields that name the destination address (normalized, then Windows/Sysmon). */
    private static final String[] DST_IP_FIELDS = {"dst_ip", "DestinationIp"};

    public StoredAlert {
        Objects.requireNonNull(alert, "alert");
        notes = notes == null ? List.of() : List.copyOf(notes);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A fresh alert nobody has touched. */
    public static StoredAlert fresh(Alert alert) {
        return new StoredAlert(alert, null, null, List.of(), List.of());
    }

    public String id() {
        return alert.id();
    }

    public AlertStatus status() {
        return alert.status();
    }

    /** ATT&amp;CK tactics from the rule tags. */
    public List<String> tactics() {
        return Attack.tactics(alert.tags());
    }

    /** ATT&amp;CK technique ids from the rule tags. */
    public List<String> techniques() {
        return Attack.techniques(alert.tags());
    }

    /** The agent that shipped the event, or null for plain syslog. */
    public String agentId() {
        return first(alert.event(), AGENT_FIELDS);
    }

    /** The destination address the event names, or null. */
    public String dstIp() {
        return first(alert.event(), DST_IP_FIELDS);
    }

    /** True once an analyst has changed anything: such state survives a pipeline rewrite. */
    boolean touched() {
        return !history.isEmpty();
    }

    private static String first(Map<String, Object> event, String[] names) {
        for (String name : names) {
            Object v = event.get(name);
            if (v != null && !v.toString().isBlank()) {
                return v.toString();
            }
        }
        return null;
    }
}
