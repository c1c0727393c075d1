package org.socd.protocol.syslog;

/**
 * Proleptic Gregorian calendar arithmetic on primitives.
 *
 * <p>{@code java.time} would do the same, but its factories throw on invalid input and allocate;
 * the parser sees invalid dates from hostile senders and must stay allocation-light, so it checks
 * first and converts here. Algorithms after Howard Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms".
 */
final class CivilCalendar {

    private static final int[] DAYS_IN_MONTH = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private CivilCalendar() {
    }

    static boolean isLeap(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    static int daysInMonth(long year, int month) {
        return month == 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month];
    }

    /** True if month/day exists in some year (Feb 29 included): for year-less timestamps. */
    static boolean isPossibleMonthDay(int month, int day) {
        return month >= 1 && month <= 12 && day >= 1 && day <= (month == 2 ? 29 : DAYS_IN_MONTH[month]);
    }

    static boolean isValidDate(long year, int month, int day) {
        return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
    }

    /** Days since 1970-01-01 of a valid date. */
    static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** Seconds since the epoch of a valid local date-time read as UTC. */
    static long epochSecond(long year, int month, int day, int hour, int minute, int second) {
        return epochDay(year, month, day) * 86400L + hour * 3600L + minute * 60L + second;
    }

    /**
     * Writes {@code yyyy-MM-ddTHH:mm:ss} of a UTC epoch second into {@code out} at 0..18 and
     * returns false (writing nothing) when the year is outside 0..9999.
     */
    static boolean writeDateTime(long epochSecond, byte[] out) {
        long days = Math.floorDiv(epochSecond, 86400L);
        int secOfDay = (int) Math.floorMod(epochSecond, 86400L);
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return false;
        }
        write4(out, 0, (int) year);
        out[4] = '-';
        write2(out, 5, month);
        out[7] = '-';
        write2(out, 8, day);
        out[10] = 'T';
        write2(out, 11, secOfDay / 3600);
        out[13] = ':';
        write2(out, 14, secOfDay / 60 % 60);
        out[16] = ':';
        write2(out, 17, secOfDay % 60);
        return true;
    }

    private static void write2(byte[] out, int at, int v) {
        out[at] = (byte) ('0' + v / 10);
        out[at + 1] = (byte) ('0' + v % 10);
    }

    private static void write4(byte[] out, int at, int v) {
        write2(out, at, v / 100);
        write2(out, at + 2, v % 100);
    }
}
