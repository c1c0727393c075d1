package org.socd.protocol.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;

/**
 * The hand-written RFC 3339 reader against java.time, which the parser avoids on the hot path
 * (it allocates and throws on bad input) but which is the reference for what a timestamp means.
 */
class Rfc3339TimestampParserTest {

    private final Rfc3339TimestampParser utc = new Rfc3339TimestampParser(ZoneOffset.UTC);

    private SyslogTimestamp parse(Rfc3339TimestampParser parser, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return parser.parse(new LineCursor(b, 0, b.length, new AsciiNameCache()));
    }

    private Instant instant(String text) {
        SyslogTimestamp t = parse(utc, text);
        return t == null ? null : Instant.ofEpochSecond(t.epochSecond(), t.nano());
    }

    @Test
    void agreesWithJavaTimeOnRandomOffsetsAndFractionsOfOneToNineDigits() {
        Random r = new Random(3339);
        for (int i = 0; i < 20_000; i++) {
            int digits = i % 10; // 0 = no fraction at all
            StringBuilder s = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", r.nextInt(10_000),
                    1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60)));
            if (digits > 0) {
                s.append('.');
                for (int d = 0; d < digits; d++) {
                    s.append((char) ('0' + r.nextInt(10)));
                }
            }
            int offsetMinutes = r.nextInt(3) == 0 ? 0 : r.nextInt(18 * 60 * 2 + 1) - 18 * 60;
            if (offsetMinutes == 0 && r.nextBoolean()) {
                s.append('Z');
            } else {
                s.append(offsetMinutes < 0 ? '-' : '+')
                        .append(String.format("%02d:%02d", Math.abs(offsetMinutes) / 60, Math.abs(offsetMinutes) % 60));
            }
            String text = s.toString();
            Instant expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            assertEquals(expected, instant(text), text);
        }
    }

    @Test
    void fractionDigitsBeyondNineAreDroppedNotRounded() {
        assertEquals(Instant.parse("2026-01-02T03:04:05.999999999Z"), instant("2026-01-02T03:04:05.99999999999Z"));
        assertEquals(Instant.parse("2026-01-02T03:04:05.100Z"), instant("2026-01-02T03:04:05.1Z"));
    }

    @Test
    void lowerCaseSeparatorsAreRead() {
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), instant("2026-01-02t03:04:05z"));
    }

    @Test
    void leapSecondIsReadAsTheSecondBeforeIt() {
        // java.time and epoch seconds have no 23:59:60; the second before keeps the order of events.
        assertEquals(Instant.parse("2016-12-31T23:59:59.500Z"), instant("2016-12-31T23:59:60.5Z"));
        assertEquals(Instant.parse("2017-01-01T02:29:59Z"), instant("2016-12-31T23:59:60-02:30"));
    }

    @Test
    void leapDaysFollowTheGregorianRules() {
        assertEquals(Instant.parse("2024-02-29T12:00:00Z"), instant("2024-02-29T12:00:00Z"));
        assertEquals(Instant.parse("2000-02-29T12:00:00Z"), instant("2000-02-29T12:00:00Z"));
        assertNull(instant("2023-02-29T12:00:00Z"));
        assertNull(instant("1900-02-29T12:00:00Z"));
    }

    @Test
    void withoutOffsetTheConfiguredZoneApplies() {
        Rfc3339TimestampParser tehran = new Rfc3339TimestampParser(ZoneId.of("Asia/Tehran"));
        SyslogTimestamp t = parse(tehran, "2026-06-01T12:00:00.25");
        assertEquals(Instant.parse("2026-06-01T08:30:00.250Z"), Instant.ofEpochSecond(t.epochSecond(), t.nano()));
        Rfc3339TimestampParser berlin = new Rfc3339TimestampParser(ZoneId.of("Europe/Berlin"));
        SyslogTimestamp winter = parse(berlin, "2026-01-15T12:00:00");
        SyslogTimestamp summer = parse(berlin, "2026-07-15T12:00:00");
        assertEquals(Instant.parse("2026-01-15T11:00:00Z").getEpochSecond(), winter.epochSecond());
        assertEquals(Instant.parse("2026-07-15T10:00:00Z").getEpochSecond(), summer.epochSecond());
    }

    @Test
    void invalidTimestampsAreRefusedAndTheCursorStays() {
        String[] invalid = {
            "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-04-31T00:00:00Z", "2026-01-01T24:00:00Z",
            "2026-01-01T23:60:00Z", "2026-01-01T23:59:61Z", "2026-01-01T23:59:5Z", "2026-01-01T23:59:59.Z",
            "2026-01-01T23:59:59+24:00", "2026-01-01T23:59:59+01:60", "2026-01-01T23:59:59+0100",
            "2026-01-01T23:59:59+01", "2026-01-01T23:59:59Zjunk", "2026-01-01T23:59:59.12x", "2026-01-01 23:59:59Z",
            "20x6-01-01T00:00:00Z", "2026-01-01T00-00-00Z",
        };
        for (String text : invalid) {
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            LineCursor c = new LineCursor(b, 0, b.length, new AsciiNameCache());
            assertNull(utc.parse(c), text);
            assertEquals(0, c.pos, text);
        }
    }

    @Test
    void invalidTimestampInALineFallsBackToTheReceiveTimeWithParseError() {
        Instant now = Instant.parse("2026-11-27T02:00:00.123Z");
        SyslogParser parser = new SyslogParser(ZoneOffset.UTC, Clock.fixed(now, ZoneOffset.UTC));
        byte[] line = "<13>1 2026-01-01T23:59:59+25:00 host app - - - text".getBytes(StandardCharsets.US_ASCII);
        Event e = parser.parse(line, 0, line.length, null);
        assertEquals("2026-11-27T02:00:00.123Z", e.get(Event.TIMESTAMP));
        assertEquals("unparseable timestamp '2026-01-01T23:59:59+25:00'", e.get(Event.PARSE_ERROR));
        assertEquals("host", e.get(Event.HOSTNAME));
        assertEquals("text", e.get(Event.MESSAGE));
    }
}
