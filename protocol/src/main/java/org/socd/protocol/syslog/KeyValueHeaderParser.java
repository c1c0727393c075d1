package org.socd.protocol.syslog;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Reads the time and host of a syslog message that has no header at all, only a body of
 * {@code key=value} pairs, as FortiGate (and FortiOS-style appliances) send it:
 * {@code date=2026-11-26 time=10:00:00 devname="FG100" devid="FG100E..." tz="+0100" logid=...}.
 *
 * <p>{@code date} and {@code time} give the timestamp, in the offset of {@code tz} when present
 * and in the configured zone otherwise; {@code devname} is the host. The scan stops when all four
 * are found, and reads at most {@value #MAX_PAIRS} pairs, so a long body costs little.
 */
final class KeyValueHeaderParser {

    private static final int MAX_PAIRS = 64;

    private final ZoneRules localRules;

    KeyValueHeaderParser(ZoneId zoneWithoutOffset) {
        this.localRules = zoneWithoutOffset.getRules();
    }

    /**
     * If the text at the cursor starts with {@code date=}, fills timestamp and hostname from the
     * pairs and returns true; the cursor stays at the start of the body, which is the message.
     */
    boolean parse(LineCursor c, SyslogHeader h) {
        int p = c.pos;
        if (c.at(p) != 'd' || c.at(p + 1) != 'a' || c.at(p + 2) != 't' || c.at(p + 3) != 'e' || c.at(p + 4) != '=') {
            return false;
        }
        int date = -1;
        int time = -1;
        int tz = -1;
        String devname = null;
        int pairs = 0;
        while (p < c.end && pairs++ < MAX_PAIRS && (date < 0 || time < 0 || tz < 0 || devname == null)) {
            int eq = p;
            while (eq < c.end && c.buf[eq] != '=' && c.buf[eq] != ' ') {
                eq++;
            }
            if (eq >= c.end || c.buf[eq] != '=') {
                p = skipSpaces(c, eq);
                continue;
            }
            int valueStart = eq + 1;
            int valueEnd;
            int next;
            if (c.at(valueStart) == '"') {
                valueStart++;
                valueEnd = valueStart;
                while (valueEnd < c.end && c.buf[valueEnd] != '"') {
                    valueEnd++;
                }
                next = Math.min(c.end, valueEnd + 1);
            } else {
                valueEnd = c.spaceOrEnd(valueStart);
                next = valueEnd;
            }
            if (isKey(c, p, eq, "date")) {
                date = valueStart;
            } else if (isKey(c, p, eq, "time")) {
                time = valueStart;
            } else if (isKey(c, p, eq, "tz")) {
                tz = valueStart;
            } else if (isKey(c, p, eq, "devname") && valueEnd > valueStart) {
                devname = c.text(valueStart, valueEnd);
            }
            p = skipSpaces(c, next);
        }
        SyslogTimestamp ts = date >= 0 && time >= 0 ? timestamp(c, date, time, tz) : null;
        if (ts == null && devname == null) {
            return false;
        }
        h.timestamp = ts;
        h.hostname = devname;
        if (ts == null) {
            c.problem("no usable date=/time= in the key=value body");
        }
        return true;
    }

    private SyslogTimestamp timestamp(LineCursor c, int date, int time, int tz) {
        int year = c.number(date, 4);
        int month = c.number(date + 5, 2);
        int day = c.number(date + 8, 2);
        int hour = c.number(time, 2);
        int minute = c.number(time + 3, 2);
        int second = c.number(time + 6, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0
                || c.at(date + 4) != '-' || c.at(date + 7) != '-' || c.at(time + 2) != ':' || c.at(time + 5) != ':'
                || !CivilCalendar.isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 60) {
            return null;
        }
        second = Math.min(second, 59);
        long local = CivilCalendar.epochSecond(year, month, day, hour, minute, second);
        long offset;
        int sign = tz >= 0 ? c.at(tz) : -1;
        int oh = tz >= 0 ? c.number(tz + 1, 2) : -1;
        int om = tz >= 0 ? c.number(tz + 3, 2) : -1;
        if ((sign == '+' || sign == '-') && oh >= 0 && om >= 0 && oh <= 23 && om <= 59) {
            offset = (oh * 3600L + om * 60L) * (sign == '-' ? -1 : 1);
        } else {
            offset = localRules.isFixedOffset()
                    ? localRules.getOffset(java.time.Instant.EPOCH).getTotalSeconds()
                    : localRules.getOffset(LocalDateTime.of(year, month, day, hour, minute, second)).getTotalSeconds();
        }
        return new SyslogTimestamp(local - offset, 0);
    }

    private static boolean isKey(LineCursor c, int from, int to, String key) {
        if (to - from != key.length()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (c.buf[from + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpaces(LineCursor c, int from) {
        int i = from;
        while (i < c.end && c.buf[i] == ' ') {
            i++;
        }
        return i;
    }
}
