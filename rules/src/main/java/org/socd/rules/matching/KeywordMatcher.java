package org.socd.rules.matching;

import java.util.List;
import org.socd.protocol.event.Event;

/**
 * Sigma keyword search: the values are looked for in the event's text, which for socd's events
 * is the {@code message} field, or the {@code raw} line when there is no message (e.g. a line
 * the syslog parser could not split).
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
        return event.has(Event.MESSAGE) ? onMessage.matches(event) : onRaw.matches(event);
    }

    @Override
    public String toString() {
        return "KeywordMatcher" + onMessage.patterns() + (onMessage.requireAll() ? " all" : "");
    }
}
