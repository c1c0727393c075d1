package org.socd.rules.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.socd.protocol.event.Event;

/**
 * One event as seen by the matchers during one evaluation: field values as strings, with the
 * lower-cased form computed at most once per field however many rules look at it. Not
 * thread-safe; the engine creates one per {@code evaluate} call.
 */
public final class EventFields {

    private final Event event;
    private final FieldValueCache cache = new FieldValueCache();
    /** {@link #allValues}: the event's own top-level values, which no rename changes. */
    private List<String> allExact;
    private List<String> allFolded;
    private Map<String, String> aliases = Map.of();

    public EventFields(Event event) {
        this.event = event;
    }

    /**
     * Field renames of the event's logsource: a rule asking for a key of {@code aliases} reads the
     * mapped event field, or its own name when the event lacks the mapped one.
     */
    public void useAliases(Map<String, String> aliases) {
        if (aliases.isEmpty() && this.aliases.isEmpty()) {
            return; // nothing renamed: the values read so far (e.g. for the logsource) stay right
        }
        this.aliases = aliases;
        cache.clear();
    }

    private Object raw(String field) {
        if (!aliases.isEmpty()) {
            String alias = aliases.get(field);
            if (alias != null) {
                Object value = event.get(alias);
                if (value != null) {
                    return value;
                }
            }
        }
        return event.get(field);
    }

    /** Whether a rule asking for {@code field} reads another event field (a logsource rename). */
    public boolean isRenamed(String field) {
        return aliases.containsKey(field);
    }

    public Event event() {
        return event;
    }

    public boolean has(String field) {
        return raw(field) != null;
    }

    /** The field's value as the event holds it (string, number, list, mapping; renames applied), or null when absent. */
    public Object value(String field) {
        return raw(field);
    }

    /**
     * The field's scalar values as strings: one for a scalar, one per scalar element for a list,
     * none when absent or a mapping (a mapping has no text of its own to compare against).
     */
    public List<String> values(String field) {
        List<String> cached = cache.exact(field);
        if (cached == null) {
            cached = stringsOf(raw(field));
            cache.putExact(field, cached);
        }
        return cached;
    }

    /** {@link #values(String)} lower-cased with {@link Locale#ROOT}. */
    public List<String> lowerCaseValues(String field) {
        List<String> cached = cache.folded(field);
        if (cached == null) {
            List<String> original = values(field);
            if (original.size() == 1) {
                cached = List.of(original.get(0).toLowerCase(Locale.ROOT));
            } else {
                cached = new ArrayList<>(original.size());
                for (String value : original) {
                    cached.add(value.toLowerCase(Locale.ROOT));
                }
            }
            cache.putFolded(field, cached);
        }
        return cached;
    }

    /** Every top-level scalar value of the event as a string (lower-cased if {@code folded}), for keyword search. */
    public List<String> allValues(boolean folded) {
        List<String> cached = folded ? allFolded : allExact;
        if (cached == null) {
            cached = new ArrayList<>();
            for (Object value : event.fields().values()) {
                for (String text : stringsOf(value)) {
                    cached.add(folded ? text.toLowerCase(Locale.ROOT) : text);
                }
            }
            if (folded) {
                allFolded = cached;
            } else {
                allExact = cached;
            }
        }
        return cached;
    }

    private static List<String> stringsOf(Object value) {
        if (value == null || value instanceof Map<?, ?>) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            List<String> strings = new ArrayList<>(list.size());
            for (Object element : list) {
                if (element != null && !(element instanceof Map<?, ?>) && !(element instanceof List<?>)) {
                    strings.add(element.toString());
                }
            }
            return strings;
        }
        return List.of(value.toString());
    }
}
