package org.socd.protocol.event;

import java.util.Collections;
import java.util.Map;

/**
 * One normalized event: named fields with values of a small closed set of types
 * ({@code String}, {@code Long}, {@code Integer}, {@code Double}, {@code Boolean},
 * {@code List} and {@code Map} of those).
 *
 * <p>Field names follow the normalized schema of the syslog parser and the decoders
 * ({@code timestamp}, {@code hostname}, {@code appname}, {@code message}, ...). A name
 * that is not a key of its own is looked up as a dotted path into nested maps, so
 * {@code structured_data.origin.ip} reaches into the structured data of an RFC 5424
 * message and {@code Event.System.EventID} into a nested Windows event.
 *
 * <p>Events are built by one thread (a decoder) and then only read; they are not
 * thread-safe while being built.
 */
public final class Event {

    /** The normalized field names every syslog event carries; decoders add their own. */
    public static final String TIMESTAMP = "timestamp";
    public static final String RECEIVED = "received";
    public static final String FACILITY = "facility";
    public static final String SEVERITY = "severity";
    public static final String HOSTNAME = "hostname";
    public static final String APPNAME = "appname";
    public static final String PROCID = "procid";
    public static final String MSGID = "msgid";
    public static final String STRUCTURED_DATA = "structured_data";
    public static final String MESSAGE = "message";
    public static final String SOURCE_IP = "source_ip";
    public static final String INPUT = "input";
    public static final String PARSE_ERROR = "parse_error";
    /** The whole line as received, decoded as UTF-8 with replacement. */
    public static final String RAW = "raw";

    private final Map<String, Object> fields;

    public Event() {
        this.fields = new FieldMap();
    }

    private Event(Map<String, Object> fields) {
        this.fields = fields;
    }

    /**
     * Wraps a copy of {@code fields}, for events that arrive already structured (JSON). A null
     * value is left out: an absent field and a null one are the same thing here.
     */
    public static Event of(Map<String, ?> fields) {
        FieldMap copy = new FieldMap(fields.size());
        fields.forEach((name, value) -> {
            if (value != null) {
                copy.put(name, value);
            }
        });
        return new Event(copy);
    }

    /** Sets a field; a {@code null} value removes it, so absent and null stay one concept here. */
    public Event put(String name, Object value) {
        if (value == null) {
            fields.remove(name);
        } else {
            fields.put(name, value);
        }
        return this;
    }

    /**
     * The value of a field: the key itself if present, else a dotted path into nested maps,
     * else {@code null}.
     */
    public Object get(String name) {
        Object direct = fields.get(name);
        if (direct != null || name.indexOf('.') < 0) {
            return direct;
        }
        return getPath(fields, name);
    }

    /** The value of a field as a string ({@code String.valueOf} of scalars), or null. */
    public String getString(String name) {
        Object v = get(name);
        return v == null ? null : v.toString();
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    /** All top-level fields in insertion order, read-only. */
    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    private static Object getPath(Map<String, Object> root, String path) {
        Object current = root;
        int start = 0;
        while (current instanceof Map<?, ?> map) {
            // Try the longest remaining key first, then shorter prefixes: keys may contain dots.
            int end = path.length();
            Object next = null;
            while (end > start) {
                next = map.get(path.substring(start, end));
                if (next != null) {
                    break;
                }
                end = path.lastIndexOf('.', end - 1);
                if (end < start) {
                    end = start;
                }
            }
            if (next == null) {
                return null;
            }
            if (end == path.length()) {
                return next;
            }
            current = next;
            start = end + 1;
        }
        return null;
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
