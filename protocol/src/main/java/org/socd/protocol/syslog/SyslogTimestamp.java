package org.socd.protocol.syslog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * An instant as read from a syslog header, already normalized to UTC.
 *
 * @param epochSecond seconds since 1970-01-01T00:00:00Z
 * @param nano        nanoseconds within the second, 0..999,999,999
 */
record SyslogTimestamp(long epochSecond, int nano) {

    static SyslogTimestamp ofEpochNanos(long epochNanos) {
        return new SyslogTimestamp(Math.floorDiv(epochNanos, 1_000_000_000L),
                (int) Math.floorMod(epochNanos, 1_000_000_000L));
    }

    /**
     * ISO-8601 in UTC with 3, 6 or 9 fraction digits, whichever keeps all precision, e.g.
     * {@code 2026-11-26T23:15:01.123Z}. Always at least milliseconds so that the strings of one
     * day sort and compare as text.
     */
    String toIso() {
        byte[] out = new byte[31];
        if (!CivilCalendar.writeDateTime(epochSecond, out)) {
            // Years beyond 0..9999 only come from arithmetic on hostile input; java.time spells them.
            return Instant.ofEpochSecond(epochSecond, nano).toString();
        }
        int digits = nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
        out[19] = '.';
        int v = nano / pow10(9 - digits);
        for (int i = 19 + digits; i > 19; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        out[20 + digits] = 'Z';
        return new String(out, 0, 21 + digits, StandardCharsets.ISO_8859_1);
    }

    private static int pow10(int n) {
        return n == 0 ? 1 : n == 3 ? 1000 : 1_000_000;
    }
}
