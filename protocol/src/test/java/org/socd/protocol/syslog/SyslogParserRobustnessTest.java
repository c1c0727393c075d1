package org.socd.protocol.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * Feeds random bytes and mutated real lines through the parser: it must never throw, and every
 * result must be a complete event. The seed is fixed so a failure reproduces; the internal-error
 * safety net in {@link SyslogParser} is checked not to have fired, so bugs are not hidden by it.
 */
class SyslogParserRobustnessTest {

    private static final String[] SEEDS = {
        "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
        "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" "
                + "eventSource=\"Application\" eventID=\"1011\"][x@1 q=\"a\\\"b\\]c\\\\\"] An application event",
        "<189>123: *Mar  1 18:46:11.123 UTC: %SYS-5-CONFIG_I: Configured from console by vty0",
        "<13>Mar 12 2018 12:00:08: host sshd(pam_unix)[12750]: authentication failure",
        "<86>2026-11-26T10:00:00.250+01:00 web01 monit[2340:0]: mem usage",
        "Feb  2 09:00:14 avas.example.com amavisd[11568]: Module Amavis::Conf 1.15",
        "<30>1 - - - - - -",
    };

    private final SyslogParser parser = new SyslogParser(ZoneId.of("Asia/Tehran"),
            Clock.fixed(Instant.parse("2026-11-26T23:20:00Z"), ZoneId.of("UTC")));
    private final ReceiveMetadata meta = new ReceiveMetadata("syslog-udp", "10.0.0.9", 514, 1_790_000_000_000_000_000L);

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(20261126L);
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[random.nextInt(300)];
            random.nextBytes(b);
            if (i % 3 == 0 && b.length > 0) {
                b[0] = '<'; // reach past the PRI check more often
            }
            checkComplete(b, 0, b.length);
        }
    }

    @Test
    void mutatedRealLinesNeverThrow() {
        Random random = new Random(5424L);
        byte[] alphabet = "<>[]\"\\= -:.*%0123456789TZ+ \r\n\0\u00ef\u00bb\u00bfMarDec".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 5000; i++) {
            byte[] b = SEEDS[random.nextInt(SEEDS.length)].getBytes(StandardCharsets.UTF_8);
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                switch (random.nextInt(4)) {
                    case 0 -> b[random.nextInt(b.length)] = alphabet[random.nextInt(alphabet.length)];
                    case 1 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                    case 2 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1)); // truncation
                    default -> {
                        int at = random.nextInt(b.length + 1);
                        byte[] grown = new byte[b.length + 1];
                        System.arraycopy(b, 0, grown, 0, at);
                        grown[at] = alphabet[random.nextInt(alphabet.length)];
                        System.arraycopy(b, at, grown, at + 1, b.length - at);
                        b = grown;
                    }
                }
                if (b.length == 0) {
                    break;
                }
            }
            checkComplete(b, 0, b.length);
            if (b.length > 2) {
                checkComplete(b, 1, b.length - 2); // slices too
            }
        }
    }

    @Test
    void hugeLineIsParsedWhole() {
        byte[] b = new byte[1 << 20];
        Arrays.fill(b, (byte) 'x');
        byte[] head = "<13>Mar 12 12:00:08 host app: ".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, head.length);
        Event e = parser.parse(b, 0, b.length, meta);
        assertEquals(b.length - head.length, e.getString(Event.MESSAGE).length());
        assertFalse(e.has(Event.PARSE_ERROR));
    }

    private void checkComplete(byte[] b, int offset, int length) {
        Event e = parser.parse(b, offset, length, meta);
        String context = "input " + Arrays.toString(Arrays.copyOfRange(b, offset, offset + length));
        assertNotNull(e.get(Event.RAW), context);
        assertNotNull(e.get(Event.TIMESTAMP), context);
        assertNotNull(e.get(Event.RECEIVED), context);
        assertTrue(e.get(Event.SEVERITY) instanceof Integer, context);
        String error = e.getString(Event.PARSE_ERROR);
        assertTrue(error == null || !error.startsWith("internal parser error"), () -> context + ": " + error);
        Instant.parse(e.getString(Event.TIMESTAMP)); // always a valid ISO-8601 instant
    }
}
