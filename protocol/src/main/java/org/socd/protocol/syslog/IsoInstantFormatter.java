package org.socd.protocol.syslog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes {@link SyslogTimestamp}s as ISO-8601 UTC text, remembering the calendar text of the
 * last few seconds it formatted.
 *
 * <p>Every event carries two timestamps (its own and the receive time), and a busy input
 * delivers hundreds of thousands of events within the same second: the date-time part is
 * then the same for all of them, and only the fraction needs writing. The calendar
 * arithmetic is cheap but not free on the decode thread, which is the collector's busiest.
 *
 * <p>Thread-safe without locks: the cache holds immutable entries in a small direct-mapped
 * table, and a thread that sees a stale or foreign entry simply computes the text itself.
 */
final class IsoInstantFormatter {

    /** Table size: a few distinct seconds at once (receive time, sender clocks off by hours). */
    private static final int SLOTS = 8;

    /** The {@code yyyy-MM-ddTHH:mm:ss} text of one epoch second. */
    private record Second(long epochSecond, byte[] dateTime) {
    }

    /** One formatted instant and its text. */
    private record Formatted(long epochSecond, int nano, String text) {
    }

    private final Second[] seconds = new Second[SLOTS];
    /**
     * The last text of each entry point. Consecutive events repeat their instants: every line
     * of one TCP read shares its receive time, and second-precision sender clocks (all of
     * RFC 3164) give one timestamp to a whole second of a busy sender's lines. Reusing the
     * string then saves its bytes and the allocation on the decode thread. Racy but safe: the
     * entries are immutable, and a thread that misses formats anew.
     */
    private Formatted lastTimestamp;
    private Formatted lastReceived;

    /**
     * ISO-8601 in UTC with 3, 6 or 9 fraction digits, whichever keeps all precision, e.g.
     * {@code 2026-11-26T23:15:01.123Z}. Always at least milliseconds so that the strings of one
     * day sort and compare as text.
     */
    String format(SyslogTimestamp t) {
        Formatted last = lastTimestamp;
        if (last != null && last.epochSecond == t.epochSecond() && last.nano == t.nano()) {
            return last.text;
        }
        String text = format(t.epochSecond(), t.nano());
        lastTimestamp = new Formatted(t.epochSecond(), t.nano(), text);
        return text;
    }

    /** {@link #format(SyslogTimestamp)} of nanoseconds since the epoch, e.g. a receive time. */
    String formatEpochNanos(long epochNanos) {
        long epochSecond = Math.floorDiv(epochNanos, 1_000_000_000L);
        int nano = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        Formatted last = lastReceived;
        if (last != null && last.epochSecond == epochSecond && last.nano == nano) {
            return last.text;
        }
        String text = format(epochSecond, nano);
        lastReceived = new Formatted(epochSecond, nano, text);
        return text;
    }

    private String format(long epochSecond, int nano) {
        byte[] dateTime = dateTime(epochSecond);
        if (dateTime == null) {
            // Years beyond 0..9999 only come from arithmetic on hostile input; java.time spells them.
            return Instant.ofEpochSecond(epochSecond, nano).toString();
        }
        int digits = nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
        byte[] out = new byte[21 + digits];
        System.arraycopy(dateTime, 0, out, 0, 19);
        out[19] = '.';
        int v = nano / (digits == 9 ? 1 : digits == 6 ? 1000 : 1_000_000);
        for (int i = 19 + digits; i > 19; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        out[20 + digits] = 'Z';
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** The date-time text of the second, from the table or computed; null outside years 0..9999. */
    private byte[] dateTime(long epochSecond) {
        int slot = (int) ((epochSecond * 0x9E3779B97F4A7C15L) >>> 61);
        Second cached = seconds[slot];
        if (cached != null && cached.epochSecond == epochSecond) {
            return cached.dateTime;
        }
        byte[] text = new byte[19];
        if (!CivilCalendar.writeDateTime(epochSecond, text)) {
            return null;
        }
        seconds[slot] = new Second(epochSecond, text);
        return text;
    }
}
