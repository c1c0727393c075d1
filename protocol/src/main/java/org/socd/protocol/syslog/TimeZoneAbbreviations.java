package org.socd.protocol.syslog;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The time-zone abbreviations that network gear writes after a BSD timestamp
 * ({@code *Mar  1 18:46:11.123 UTC:}), each mapped to the fixed offset it names.
 *
 * <p>A closed list on purpose: the token after the time may equally be an upper-case hostname, so
 * only names that really are zone abbreviations are taken as one. An abbreviation denotes one
 * offset ("CEST" is +02:00 whatever the date), hence fixed offsets rather than regions.
 */
final class TimeZoneAbbreviations {

    /** Longest abbreviation in the table; longer tokens are never looked up. */
    static final int MAX_LENGTH = 5;

    private static final Map<String, ZoneOffset> OFFSETS = new HashMap<>();

    static {
        put(0, "UTC", "UT", "GMT", "Z", "UCT", "WET");
        put(1, "CET", "MET", "BST", "WEST", "WAT");
        put(2, "CEST", "MEST", "EET", "SAST", "CAT");
        put(3, "EEST", "MSK", "AST");
        put(4, "GST");
        put(9, "JST", "KST");
        put(10, "AEST");
        put(11, "AEDT");
        put(-10, "HST");
        put(-9, "AKST");
        put(-8, "AKDT", "PST");
        put(-7, "PDT", "MST");
        put(-6, "MDT", "CST");
        put(-5, "CDT", "EST");
        put(-4, "EDT");
        OFFSETS.put("IRST", ZoneOffset.ofHoursMinutes(3, 30));
        OFFSETS.put("IRDT", ZoneOffset.ofHoursMinutes(4, 30));
        // IST is ambiguous (Ireland, Israel, India); +05:30 India is by far the most frequent in logs.
        OFFSETS.put("IST", ZoneOffset.ofHoursMinutes(5, 30));
        // AST is Atlantic in North America but Arabia Standard in the Middle East; the latter is +03:00.
    }

    private TimeZoneAbbreviations() {
    }

    private static void put(int hours, String... names) {
        for (String n : names) {
            OFFSETS.put(n, ZoneOffset.ofHours(hours));
        }
    }

    /** The offset for the ASCII letters {@code [from, to)}, or null if they are not a known abbreviation. */
    static ZoneOffset lookup(byte[] buf, int from, int to) {
        int len = to - from;
        if (len < 1 || len > MAX_LENGTH) {
            return null;
        }
        for (int i = from; i < to; i++) {
            if (buf[i] < 'A' || buf[i] > 'Z') {
                return null;
            }
        }
        return OFFSETS.get(new String(buf, from, len, StandardCharsets.ISO_8859_1));
    }
}
