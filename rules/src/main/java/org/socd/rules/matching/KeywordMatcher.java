package org.socd.rules.matching;

import java.util.List;
import org.socd.protocol.event.Event;

/**
 * Sigma keyword search: the values are looked for in the event's text, which for socd's events
 * is the {@code message} field, or the {@code raw} line when there is no message (e.g. a line
 * the syslog parser could not split), or else any top-level field value (structured events such
 * as Windows records have no single text).
 */
public final class KeywordMatcher implements Matcher {

    private final FieldMatcher onMessage;
    private final FieldMatcher onRaw;

    public KeywordMatcher(List<ValuePattern> patterns, boolean requireAll) {
        this.onMessage = new FieldMatcher(Event.MESSAGE, patterns, requireAll);
        this.onRaw = new FieldMatcher(Event.RAW, patterns, requireAll);
    }

    @Override
    public boolean matches(EventFields event) {
        if (event.has(Event.MESSAGE)) {
            return onMessage.matches(event);
        }
        if (event.has(Event.RAW)) {
            return onRaw.matches(event);
        }
        List<ValuePattern> patterns = onMessage.patterns();
        List<String> exact = null;
        List<String> folded = null;
        for (ValuePattern pattern : patterns) {
            List<String> values = pattern.foldsCase()
                    ? (folded != null ? folded : (folded = event.allValues(true)))
                    : (exact != null ? exact : (exact = event.allValues(false)));
            boolean hit = FieldMatcher.anyMatches(pattern, values);
            if (hit != onMessage.requireAll()) {
                return hit;
            }
        }
        return onMessage.requireAll();
    }

    /** The keyword values (any one, or all with {@link #requireAll()}). */
    public List<ValuePattern> patterns() {
        return onMessage.patterns();
    }

    public boolean requireAll() {
        return onMessage.requireAll();
    }

    @Override
    public String toString() {
        return "KeywordMatcher" + onMessage.patterns() + (onMessage.requireAll() ? " all" : "");
    }
}
