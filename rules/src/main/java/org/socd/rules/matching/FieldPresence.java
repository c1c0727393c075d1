package org.socd.rules.matching;

/**
 * The field is present or absent: {@code |exists: true/false}, and {@code field: null} which
 * Sigma defines as "the field is absent" (the event model has no separate null value).
 */
public record FieldPresence(String field, boolean present) implements Matcher {

    @Override
    public boolean matches(EventFields event) {
        return event.has(field) == present;
    }
}
