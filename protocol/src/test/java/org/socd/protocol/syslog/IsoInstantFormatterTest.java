package org.socd.protocol.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantFormatterTest {

    private final IsoInstantFormatter iso = new IsoInstantFormatter();

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
            String text = iso.format(new SyslogTimestamp(second, nano));
            assertEquals(expected, Instant.parse(text), text);
            assertEquals(expected.toString().substring(0, 19), text.substring(0, 19), text);
        }
    }

    /**
     * The seconds a busy input sees: runs of the same second, a few seconds interleaved (receive
     * time and sender clocks), revisited out of order; the remembered date-time text must never
     * leak from one second into another.
     */
    @Test
    void rememberedSecondsNeverLeakIntoOtherSeconds() {
        Random random = new Random(5424L);
        long base = Instant.parse("2026-12-31T23:59:50Z").getEpochSecond();
        for (int i = 0; i < 50_000; i++) {
            long second = base + random.nextInt(40) + (random.nextBoolean() ? 0 : 3600L * random.nextInt(24));
            int nano = random.nextInt(1_000_000_000);
            Instant expected = Instant.ofEpochSecond(second, nano);
            assertEquals(expected, Instant.parse(iso.format(new SyslogTimestamp(second, nano))));
        }
    }

    /**
     * The last text of each entry point is reused for a repeated instant: repeats, near misses
     * (same second, other nano; same nano, other second) and both entry points interleaved.
     */
    @Test
    void repeatedInstantsReuseTheirTextAndNearMissesDoNot() {
        Random random = new Random(3164L);
        long base = Instant.parse("2026-11-27T06:00:00Z").getEpochSecond();
        for (int i = 0; i < 50_000; i++) {
            long second = base + random.nextInt(3);
            int nano = random.nextBoolean() ? 0 : random.nextInt(3) * 1000;
            Instant expected = Instant.ofEpochSecond(second, nano);
            if (random.nextBoolean()) {
                assertEquals(expected, Instant.parse(iso.format(new SyslogTimestamp(second, nano))));
            } else {
                assertEquals(expected, Instant.parse(iso.formatEpochNanos(second * 1_000_000_000L + nano)));
            }
        }
        String first = iso.formatEpochNanos(base * 1_000_000_000L + 5);
        assertSame(first, iso.formatEpochNanos(base * 1_000_000_000L + 5));
    }

    @Test
    void alwaysAtLeastMilliseconds() {
        assertEquals("1970-01-01T00:00:00.000Z", iso.format(new SyslogTimestamp(0, 0)));
        assertEquals("2026-11-26T23:15:01.123Z", iso.format(new SyslogTimestamp(Instant.parse("2026-11-26T23:15:01.123Z").getEpochSecond(), 123_000_000)));
        assertEquals("1969-12-31T23:59:59.999999Z", iso.formatEpochNanos(-1000));
    }

    @Test
    void yearsOutsideFourDigitsFallBackToJavaTime() {
        long second = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();
        assertEquals("+10000-01-01T00:00:00Z", iso.format(new SyslogTimestamp(second, 0)));
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
