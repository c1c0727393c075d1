package org.socd.protocol.syslog;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Reads an RFC 3339 timestamp ({@code 2003-08-24T05:14:15.000003-07:00}), the TIMESTAMP of RFC 5424
 * and of modern RFC 3164 senders (rsyslog, syslog-ng with ISO dates).
 *
 * <p>Lenient where real senders differ from the RFC and the meaning is still unambiguous: up to
 * nine fraction digits (more are read and dropped), lower-case {@code t}/{@code z}, and a missing
 * offset, which is read in the configured zone as a year-less 3164 timestamp would be.
 */
final class Rfc3339TimestampParser {

    private final ZoneRules localRules;

    Rfc3339TimestampParser(ZoneId zoneWithoutOffset) {
        this.localRules = zoneWithoutOffset.getRules();
    }

    /** True if the bytes at {@code at} start like {@code yyyy-MM-ddT}: cheap shape test before parsing. */
    static boolean looksLikeRfc3339(LineCursor c, int at) {
        int t = c.at(at + 10);
        return c.at(at + 4) == '-' && c.at(at + 7) == '-' && (t == 'T' || t == 't') && c.number(at, 4) >= 0;
    }

    /**
     * Parses at the cursor. On success returns the instant and moves the cursor past it; it must be
     * followed by a space or the end of the line. Returns null and leaves the cursor otherwise.
     */
    SyslogTimestamp parse(LineCursor c) {
        int p = c.pos;
        if (!looksLikeRfc3339(c, p)) {
            return null;
        }
        int year = c.number(p, 4);
        int month = c.number(p + 5, 2);
        int day = c.number(p + 8, 2);
        int hour = c.number(p + 11, 2);
        int minute = c.number(p + 14, 2);
        int second = c.number(p + 17, 2);
        if (month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0
                || c.at(p + 13) != ':' || c.at(p + 16) != ':'
                || !CivilCalendar.isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 60) {
            return null;
        }
        // A leap second has no distinct instant in java.time or in epoch seconds; 23:59:60 -> :59.
        second = Math.min(second, 59);
        int i = p + 19;
        int nano = 0;
        if (c.at(i) == '.') {
            int scale = 100_000_000;
            int digits = 0;
            int d;
            i++;
            while ((d = c.at(i) - '0') >= 0 && d <= 9) {
                nano += d * scale;
                scale /= 10;
                digits++;
                i++;
            }
            if (digits == 0) {
                return null;
            }
        }
        long local = CivilCalendar.epochSecond(year, month, day, hour, minute, second);
        long offsetSeconds;
        int z = c.at(i);
        if (z == 'Z' || z == 'z') {
            offsetSeconds = 0;
            i++;
        } else if (z == '+' || z == '-') {
            int oh = c.number(i + 1, 2);
            int om = c.number(i + 4, 2);
            if (oh < 0 || om < 0 || c.at(i + 3) != ':' || oh > 23 || om > 59) {
                return null;
            }
            offsetSeconds = (oh * 3600L + om * 60L) * (z == '-' ? -1 : 1);
            i += 6;
        } else {
            offsetSeconds = localRules.isFixedOffset()
                    ? localRules.getOffset(java.time.Instant.EPOCH).getTotalSeconds()
                    : localRules.getOffset(LocalDateTime.of(year, month, day, hour, minute, second)).getTotalSeconds();
        }
        int after = c.at(i);
        if (after != ' ' && after != -1) {
            return null;
        }
        c.pos = i;
        return new SyslogTimestamp(local - offsetSeconds, nano);
    }
}
