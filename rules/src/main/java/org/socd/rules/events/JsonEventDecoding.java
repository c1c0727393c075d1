package org.socd.rules.events;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Map;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the daemon does with one structured record received over the wire: one JSON object,
 * either an evtx_dump Windows event ({@code {"Event": {"System": ..., "EventData": ...}}},
 * flattened by {@link EvtxJson} exactly as {@code soc hunt} does) or any other JSON object (kept
 * nested, dotted access). The event then gets the receive fields every syslog event has
 * ({@code received}, {@code input}, {@code source_ip}, {@code raw}), so rules, alerts and
 * analysts see one shape whatever the input.
 *
 * <p>{@code timestamp} is the event's own time: {@code TimeCreated_SystemTime} for Windows
 * events, else a {@code timestamp} or {@code @timestamp} field of the object, normalized to ISO
 * 8601 in UTC when it is readable; else the receive time.
 *
 * <p>Never throws, never returns null: a record that is not one JSON object becomes an event
 * with {@code parse_error} saying what and where (column), and the whole record in {@code raw}.
 * Immutable and thread-safe.
 */
public final class JsonEventDecoding {

    /** Nesting deeper than this is refused: real events nest a few levels, a bomb nests thousands. */
    static final int MAX_NESTING = 200;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .build())
            // One object per record: anything after it means the record is not what we think it is.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Older evtx_dump versions and some shippers write {@code 2026-11-26 10:00:00.123456 UTC}. */
    private static final DateTimeFormatter SPACED_UTC = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendLiteral(" UTC")
            .toFormatter();

    /** Decodes {@code data[offset, offset + length)} received as {@code meta}. */
    public Event decode(byte[] data, int offset, int length, ReceiveMetadata meta) {
        String received = Instant.ofEpochSecond(0, meta.receivedNanos()).toString();
        String raw = new String(data, offset, length, StandardCharsets.UTF_8);
        Event event;
        try {
            Object value = MAPPER.readValue(data, offset, length, Object.class);
            if (value instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) value;
                event = EvtxJson.isEvtx(object) ? EvtxJson.flatten(object) : Event.of(object);
            } else {
                event = new Event().put(Event.PARSE_ERROR, "expected one JSON object per line, found "
                        + (value == null ? "null" : kind(value)) + "; the line is kept as raw");
            }
        } catch (JacksonException e) {
            event = new Event().put(Event.PARSE_ERROR, "invalid JSON at column "
                    + (e.getLocation() == null ? 1 : e.getLocation().getColumnNr()) + ": " + e.getOriginalMessage()
                    + "; the line is kept as raw — send one JSON object per line, UTF-8, newline-terminated");
        } catch (RuntimeException bug) {
            // A decoding bug must cost one event its fields, never the event or the pipeline.
            event = new Event().put(Event.PARSE_ERROR, "internal JSON decoding error " + bug + ": please report this line");
        }
        event.put(Event.TIMESTAMP, timestamp(event, received));
        event.put(Event.RECEIVED, received);
        event.put(Event.SOURCE_IP, meta.peerAddress());
        event.put(Event.INPUT, meta.input());
        event.put(Event.RAW, raw);
        return event;
    }

    private static String kind(Object value) {
        if (value instanceof java.util.List<?>) {
            return "an array";
        }
        return value instanceof String ? "a string" : value instanceof Boolean ? "a boolean" : "a number";
    }

    /**
     * The event's own time as ISO 8601 UTC when it has a readable one; the sender's value as it
     * is when it has an unreadable one (an analyst may still make sense of it, the alert then
     * falls back to the receive time); else the receive time.
     */
    static Object timestamp(Event event, String received) {
        Object own = event.get(Event.TIMESTAMP);
        if (own == null) {
            own = event.get("@timestamp"); // Beats and ECS
        }
        if (own == null || own instanceof String blank && blank.isBlank()) {
            return received;
        }
        Instant instant = own instanceof String text ? parseInstant(text.strip()) : null;
        return instant != null ? instant.toString() : own;
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException notUtc) {
            // next form
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException notOffset) {
            // next form
        }
        try {
            return LocalDateTime.parse(text, SPACED_UTC).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException unreadable) {
            return null;
        }
    }
}
