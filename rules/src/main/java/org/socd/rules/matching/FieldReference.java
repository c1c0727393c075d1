package org.socd.rules.matching;

import java.util.List;
import java.util.Locale;

/**
 * Sigma {@code fieldref}: the field's value equals (or starts with, ends with, contains) the value
 * of another field of the same event. Both absent or either absent never matches.
 */
public record FieldReference(String field, String referenced, Position position, boolean cased) implements Matcher {

    /** Where the referenced value must sit in the field's value. */
    public enum Position { EXACT, PREFIX, SUFFIX, CONTAINS }

    @Override
    public boolean matches(EventFields event) {
        List<String> values = cased ? event.values(field) : event.lowerCaseValues(field);
        List<String> wanted = cased ? event.values(referenced) : event.lowerCaseValues(referenced);
        for (String value : values) {
            for (String other : wanted) {
                boolean hit = switch (position) {
                    case EXACT -> value.equals(other);
                    case PREFIX -> value.startsWith(other);
                    case SUFFIX -> value.endsWith(other);
                    case CONTAINS -> value.contains(other);
                };
                if (hit) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "FieldReference[" + field + " " + position.name().toLowerCase(Locale.ROOT) + " " + referenced + "]";
    }
}
