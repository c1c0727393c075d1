package org.socd.rules.matching;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.IsoFields;

/**
 * Extracts the parts Sigma's time modifiers compare from an event's date text, as written
 * ({@code 2025-11-28T08:30:20Z}, {@code 2025-11-28 08:30:20.964}): no time-zone conversion, as
 * the specification says.
 */
public final class DateParts {

    /** The parts of the time modifiers. */
    public enum Part { MINUTE, HOUR, DAY, WEEK, MONTH, YEAR }

    private DateParts() {}

    /** The part's value, or -1 when {@code text} does not start with {@code yyyy-mm-dd[( |T)hh:mm]}. */
    public static long extract(String text, Part part) {
        String t = text.strip();
        if (t.length() < 10 || t.charAt(4) != '-' || t.charAt(7) != '-') {
            return -1;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return -1;
        }
        switch (part) {
            case YEAR: return year;
            case MONTH: return month;
            case DAY: return day;
            case WEEK:
                try {
                    return LocalDate.of(year, month, day).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                } catch (DateTimeException e) {
                    return -1;
                }
            default:
                break;
        }
        if (t.length() < 16 || (t.charAt(10) != 'T' && t.charAt(10) != ' ') || t.charAt(13) != ':') {
            return -1;
        }
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return -1;
        }
        return part == Part.HOUR ? hour : minute;
    }

    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
