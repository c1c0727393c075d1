package org.socd.rules.correlation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.socd.protocol.event.Event;

/** The time an event happened, by which correlation windows are measured. */
public final class EventTime {

    private EventTime() {}

    /**
     * The event's {@code timestamp} when it is an ISO-8601 instant or offset date-time (what the
     * syslog parser and the JSON decoders produce), else {@code received}: a sender without a
     * readable clock is correlated by arrival.
     */
    public static Instant of(Event event, Instant received) {
        Object value = event.get(Event.TIMESTAMP);
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof String text && !text.isBlank()) {
            try {
                return Instant.parse(text);
            } catch (DateTimeException notUtc) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeException unreadable) {
                    return received;
                }
            }
        }
        return received;
    }
}
