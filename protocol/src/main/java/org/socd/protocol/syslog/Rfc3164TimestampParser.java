package org.socd.protocol.syslog;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Reads the BSD timestamp of RFC 3164 ({@code Mar 12 12:00:08}) with the variations real senders
 * produce: a clock-sync marker {@code *} or {@code .} (Cisco), upper-case and full month names, a
 * space-padded or unpadded day, a year before or after the time ({@code Mar 12 2018 12:00:08},
 * {@code Mar 12 12:00:08 2018}, {@code Aug 24 05:34:00 CST 1987}), fractions of a second,
 * a time-zone abbreviation ({@code UTC}) and a trailing colon.
 *
 * <p>Most of these timestamps carry no year. The year is chosen so that the instant is not more
 * than a day ahead of the injected clock: December lines that arrive in January belong to last
 * year, and a sender whose clock runs slightly ahead across New Year still lands in the new year.
 */
final class Rfc3164TimestampParser {

    /** How far ahead of our clock a year-less timestamp may be before we assume it is last year's. */
    private static final long MAX_FUTURE_SECONDS = 86_400;

    /** Month by the three case-folded letters, indexed by {@code monthKey}; 0 = not a month. */
    private static final byte[] MONTHS = new byte[32 * 32 * 32];

    static {
        String[] names = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
        for (int m = 0; m < names.length; m++) {
            String n = names[m];
            MONTHS[((n.charAt(0) & 31) << 10) | ((n.charAt(1) & 31) << 5) | (n.charAt(2) & 31)] = (byte) (m + 1);
        }
    }

    private static final String[] FULL_MONTHS = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};

    private final ZoneRules rules;
    private final Clock clock;

    Rfc3164TimestampParser(ZoneId zone, Clock clock) {
        this.rules = zone.getRules();
        this.clock = clock;
    }

    /**
     * Parses at the cursor. On success returns the instant and moves the cursor past the timestamp,
     * its zone name and trailing colon; it must be followed by a space or the end of the line.
     * Returns null and leaves the cursor otherwise.
     */
    SyslogTimestamp parse(LineCursor c) {
        int p = c.pos;
        int marker = c.at(p);
        if (marker == '*' || marker == '.') {
            p++;
        }
        int month = month(c, p);
        if (month == 0) {
            return null;
        }
        p = monthNameEnd(c, p, month);
        if (p < 0 || c.at(p) != ' ') {
            return null;
        }
        p++;
        if (c.at(p) == ' ') {
            p++; // "Mar  1": the day is space-padded to two columns
        }
        int day = c.number(p, 2);
        if (day >= 0) {
            p += 2;
        } else if ((day = c.number(p, 1)) >= 0) {
            p += 1;
        } else {
            return null;
        }
        if (c.at(p) != ' ') {
            return null;
        }
        p++;
        int year = -1;
        if (c.at(p + 4) == ' ' && c.number(p, 4) >= 0) {
            year = c.number(p, 4);
            p += 5;
        }
        int hour = c.number(p, 2);
        int minute = c.number(p + 3, 2);
        int second = c.number(p + 6, 2);
        if (hour < 0 || minute < 0 || second < 0 || c.at(p + 2) != ':' || c.at(p + 5) != ':'
                || hour > 23 || minute > 59 || second > 60) {
            return null;
        }
        second = Math.min(second, 59);
        p += 8;
        int nano = 0;
        if (c.at(p) == '.' && c.number(p + 1, 1) >= 0) {
            int scale = 100_000_000;
            int d;
            p++;
            while ((d = c.at(p) - '0') >= 0 && d <= 9) {
                nano += d * scale;
                scale /= 10;
                p++;
            }
        }
        int yearAfter = year < 0 ? yearAt(c, p) : -1;
        if (yearAfter >= 0) {
            year = yearAfter; // "Mar 12 12:00:08 2018": the year after the time (Java, some appliances)
            p += 5;
        }
        ZoneOffset named = null;
        if (c.at(p) == ' ') {
            int nameEnd = p + 1;
            while (nameEnd < c.end && nameEnd - p <= TimeZoneAbbreviations.MAX_LENGTH
                    && c.buf[nameEnd] >= 'A' && c.buf[nameEnd] <= 'Z') {
                nameEnd++;
            }
            int after = c.at(nameEnd);
            if (after == ' ' || after == ':' || after == -1) {
                named = TimeZoneAbbreviations.lookup(c.buf, p + 1, nameEnd);
                if (named != null) {
                    p = nameEnd;
                    yearAfter = year < 0 ? yearAt(c, p) : -1;
                    if (yearAfter >= 0) {
                        year = yearAfter; // RFC 3164's own example: "Aug 24 05:34:00 CST 1987"
                        p += 5;
                    }
                }
            }
        }
        if (c.at(p) == ':') {
            p++;
        }
        int after = c.at(p);
        if (after != ' ' && after != -1) {
            return null;
        }
        long epochSecond;
        if (year >= 0) {
            if (!CivilCalendar.isValidDate(year, month, day)) {
                return null;
            }
            epochSecond = toEpochSecond(year, month, day, hour, minute, second, named);
        } else {
            if (!CivilCalendar.isPossibleMonthDay(month, day)) {
                return null;
            }
            epochSecond = inferYear(month, day, hour, minute, second, named);
        }
        c.pos = p;
        return new SyslogTimestamp(epochSecond, nano);
    }

    /** The year in {@code " YYYY"} at {@code p} when a space, colon or the end follows it, else -1. */
    private static int yearAt(LineCursor c, int p) {
        if (c.at(p) != ' ') {
            return -1;
        }
        int year = c.number(p + 1, 4);
        int after = c.at(p + 5);
        return year >= 0 && (after == ' ' || after == ':' || after == -1) ? year : -1;
    }

    /** The latest of next, this and earlier years in which the stamp is at most a day ahead of now. */
    private long inferYear(int month, int day, int hour, int minute, int second, ZoneOffset named) {
        long now = clock.instant().getEpochSecond();
        long limit = now + MAX_FUTURE_SECONDS;
        int thisYear = yearAt(now);
        // Eight years back always reaches a leap year, so Feb 29 finds its year too.
        for (int y = thisYear + 1; y >= thisYear - 8; y--) {
            if (CivilCalendar.isValidDate(y, month, day)) {
                long t = toEpochSecond(y, month, day, hour, minute, second, named);
                if (t <= limit) {
                    return t;
                }
            }
        }
        return toEpochSecond(thisYear - 1, month, day, hour, minute, second, named);
    }

    private int yearAt(long epochSecond) {
        long local = epochSecond + rules.getOffset(java.time.Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        byte[] ymd = new byte[19];
        CivilCalendar.writeDateTime(local, ymd);
        return (ymd[0] - '0') * 1000 + (ymd[1] - '0') * 100 + (ymd[2] - '0') * 10 + (ymd[3] - '0');
    }

    private long toEpochSecond(int year, int month, int day, int hour, int minute, int second, ZoneOffset named) {
        long local = CivilCalendar.epochSecond(year, month, day, hour, minute, second);
        int offset;
        if (named != null) {
            offset = named.getTotalSeconds();
        } else if (rules.isFixedOffset()) {
            offset = rules.getOffset(java.time.Instant.EPOCH).getTotalSeconds();
        } else {
            offset = rules.getOffset(LocalDateTime.of(year, month, day, hour, minute, second)).getTotalSeconds();
        }
        return local - offset;
    }

    private static int month(LineCursor c, int p) {
        int a = c.at(p);
        int b = c.at(p + 1);
        int d = c.at(p + 2);
        if (!isLetter(a) || !isLetter(b) || !isLetter(d)) {
            return 0;
        }
        return MONTHS[((a & 31) << 10) | ((b & 31) << 5) | (d & 31)];
    }

    /**
     * Where the month name starting at {@code p} ends: after its three letters, or after the full
     * name ({@code March}, {@code SEPTEMBER}, also {@code Sept}); -1 if other letters follow.
     */
    private static int monthNameEnd(LineCursor c, int p, int month) {
        int end = p + 3;
        while (isLetter(c.at(end))) {
            end++;
        }
        if (end == p + 3) {
            return end;
        }
        String full = FULL_MONTHS[month - 1];
        int n = end - p;
        if (n == 4 && month == 9 && (c.at(p + 3) | 0x20) == 't') {
            return end;
        }
        if (n != full.length()) {
            return -1;
        }
        for (int i = 3; i < n; i++) {
            if ((c.at(p + i) | 0x20) != full.charAt(i)) {
                return -1;
            }
        }
        return end;
    }

    private static boolean isLetter(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }
}
