package org.socd.rules.events;

import java.util.Map;
import org.socd.protocol.event.Event;

/**
 * Flattens a Windows event in evtx_dump's JSON form ({@code {"Event": {"System": {...},
 * "EventData": {...}}}}) into the field names Sigma rules use: System fields at top level
 * ({@code EventID}, {@code Channel}, {@code Computer}, ...), attributes as {@code Parent_Attribute}
 * ({@code Provider_Name}, {@code TimeCreated_SystemTime}, {@code Security_UserID}), and the
 * EventData (or UserData) fields at top level (names with spaces, as Defender writes them, also
 * without the spaces, as Sigma rules write them). evtx_dump writes an element with attributes as
 * {@code {"#text": value, "#attributes": {...}}}: the text is the value.
 */
public final class EvtxJson {

    private static final String ATTRIBUTES = "#attributes";
    private static final String TEXT = "#text";

    private EvtxJson() {}

    /** Whether {@code object} is an evtx_dump record. */
    public static boolean isEvtx(Map<String, Object> object) {
        return object.size() == 1 && object.get("Event") instanceof Map<?, ?> event && event.get("System") instanceof Map<?, ?>;
    }

    /** The flattened event of an {@link #isEvtx evtx record}. */
    public static Event flatten(Map<String, Object> object) {
        Map<?, ?> record = (Map<?, ?>) object.get("Event");
        Event event = new Event();
        if (record.get("System") instanceof Map<?, ?> system) {
            for (Map.Entry<?, ?> e : system.entrySet()) {
                String key = e.getKey().toString();
                Object value = e.getValue();
                if (value instanceof Map<?, ?> element) {
                    if (element.get(ATTRIBUTES) instanceof Map<?, ?> attributes) {
                        for (Map.Entry<?, ?> a : attributes.entrySet()) {
                            event.put(key + "_" + a.getKey(), scalar(a.getValue()));
                        }
                    }
                    if (element.containsKey(TEXT)) {
                        event.put(key, scalar(element.get(TEXT)));
                    }
                } else {
                    event.put(key, scalar(value));
                }
            }
        }
        data(record.get("EventData"), event);
        if (record.get("UserData") instanceof Map<?, ?> userData) {
            // UserData wraps its fields in one provider-specific element, e.g. {"LogFileCleared": {...}}.
            for (Object child : userData.values()) {
                data(child, event);
            }
        }
        Object time = event.get("TimeCreated_SystemTime");
        if (time != null) {
            event.put(Event.TIMESTAMP, time);
        }
        return event;
    }

    private static void data(Object data, Event event) {
        if (!(data instanceof Map<?, ?> fields)) {
            return;
        }
        for (Map.Entry<?, ?> e : fields.entrySet()) {
            String key = e.getKey().toString();
            if (key.equals(ATTRIBUTES) || key.startsWith("xmlns")) {
                continue;
            }
            Object value = e.getValue();
            if (value instanceof Map<?, ?> element && element.containsKey(TEXT)) {
                value = element.get(TEXT);
            }
            event.put(key, value);
            if (key.indexOf(' ') >= 0) {
                // Defender and others name data "Threat Name"; Sigma rules write ThreatName.
                String compact = key.replace(" ", "");
                if (!fields.containsKey(compact)) {
                    event.put(compact, value);
                }
            }
        }
    }

    private static Object scalar(Object value) {
        return value instanceof Map<?, ?> element && element.containsKey(TEXT) ? element.get(TEXT) : value;
    }
}
