package org.socd.protocol.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SyslogTimestampTest {

    @Test
    void isoFormattingAgreesWithJavaTimeAcrossTheWholeRange() {
        Random random = new Random(3339L);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long second = min + (long) (random.nextDouble() * (max - min));
            int nano = switch (i % 3) {
                case 0 -> random.nextInt(1000) * 1_000_000;
                case 1 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant expected = Instant.ofEpochSecond(second, nano);
            String iso = new SyslogTimestamp(second, nano).toIso();
            assertEquals(expected, Instant.parse(iso), iso);
            assertEquals(expected.toString().substring(0, 19), iso.substring(0, 19), iso);
        }
    }

    @Test
    void alwaysAtLeastMilliseconds() {
        assertEquals("1970-01-01T00:00:00.000Z", new SyslogTimestamp(0, 0).toIso());
        assertEquals("2026-11-26T23:15:01.123Z", new SyslogTimestamp(Instant.parse("2026-11-26T23:15:01.123Z").getEpochSecond(), 123_000_000).toIso());
        assertEquals("1969-12-31T23:59:59.999999Z", SyslogTimestamp.ofEpochNanos(-1000).toIso());
    }

    @Test
    void yearsOutsideFourDigitsFallBackToJavaTime() {
        long second = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();
        assertEquals("+10000-01-01T00:00:00Z", new SyslogTimestamp(second, 0).toIso());
    }

    @Test
    void epochDayAgreesWithLocalDate() {
        for (int y = 0; y <= 2400; y += 7) {
            for (int m = 1; m <= 12; m++) {
                int d = CivilCalendar.daysInMonth(y, m);
                assertEquals(LocalDate.of(y, m, d).toEpochDay(), CivilCalendar.epochDay(y, m, d));
                assertEquals(LocalDate.of(y, m, 1).lengthOfMonth(), d);
            }
        }
    }
}
