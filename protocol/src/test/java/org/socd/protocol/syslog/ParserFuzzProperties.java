package org.socd.protocol.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.socd.protocol.decoders.DecoderRegistry;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * Property-based fuzzing (jqwik) of both syslog parsers and the field decoders, through
 * {@link SyslogDecoding} as the daemon runs them: random bytes, and real lines of every format
 * mutated byte by byte. Whatever the input: no exception escapes, neither safety net (internal
 * parser error, failed decoder) fires, the event has {@code raw} (exactly the line decoded as
 * UTF-8, however the parser assembled it) and a valid timestamp, and its size is bounded by the
 * input's. Seeds are fixed so that a failure reproduces in CI.
 */
class ParserFuzzProperties {

    private static final String[] SEEDS = {
        "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
        "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" "
                + "eventSource=\"Application\"][x@1 q=\"a\\\"b\\]c\\\\\" u=1] BOMAn application event",
        "<189>123: core-sw1: *Mar  1 18:46:11.123 UTC: %SYS-5-CONFIG_I: Configured from console by vty0",
        "<13>March 12 12:00:08 2018 Message forwarded from web7: sshd(pam_unix)[12750]: authentication failure; "
                + "logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=10.0.0.1  user=root",
        "<38>Nov 26 10:00:00 web01 sshd[4242]: Failed password for invalid user admin from 203.0.113.7 port 52113 ssh2",
        "<38>Nov 26 10:00:00 web01 sshd[4242]: Received disconnect from 2001:db8::1 port 4022:11: Bye [preauth]",
        "<38>Nov 26 10:00:00 web01 sshd[4242]: Connection closed by authenticating user root 203.0.113.7 port 1 [preauth]",
        "<85>Nov 26 10:00:00 web01 sudo:    alice : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/h ; USER=root ; COMMAND=/bin/ls",
        "<85>Nov 26 10:00:00 web01 sudo: pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)",
        "<86>Nov 26 10:00:00 web01 useradd[9]: new user: name=bob, UID=1001, GID=1001, home=/home/bob, shell=/bin/bash",
        "<86>Nov 26 10:00:00 web01 usermod[9]: add 'bob' to shadow group 'sudo'",
        "<86>Nov 26 10:00:00 web01 passwd[9]: password for 'bob' changed by 'root'",
        "<38>Nov 26 10:00:00 web01 systemd-logind[1]: New session 42 of user alice.",
        "<78>Nov 26 10:00:00 web01 CRON[77]: (root) CMD (run-parts /etc/cron.hourly)",
        "<34>Nov 26 10:00:00 web01 su[5]: FAILED SU (to root) alice on pts/0",
        "<134>Nov 26 10:00:00 fw CEF:0|Sec\\|Co|TM|1.0|100|worm|10|src=10.0.0.1 spt=12 msg=a b\\=c cs1=x\\ny suser=al",
        "<13>Nov 26 10:00:00 fw LEEF:2.0|V|P|1|41|^|src=10.0.0.1^dst=10.0.0.2^usrName=a b^srcPort=1",
        "<189>date=2026-11-26 time=10:00:00 devname=\"FG100E\" tz=\"+0100\" srcip=10.1.1.5 action=\"accept\"",
        "<30>1 - - - - - -",
    };
    private static final byte[] ALPHABET = "<>[]\"\\=|^ -:.*%0123456789TZ+()'\t;,\r\n\0\u00ef\u00bb\u00bfMarDecportfromuser"
            .getBytes(StandardCharsets.ISO_8859_1);

    private final SyslogDecoding decoding = new SyslogDecoding(
            new SyslogParser(ZoneId.of("Asia/Tehran"), Clock.fixed(Instant.parse("2026-11-26T23:20:00Z"), ZoneId.of("UTC"))),
            DecoderRegistry.defaults());
    private final ReceiveMetadata meta = new ReceiveMetadata("syslog-udp", "10.0.0.9", 514, 1_790_000_000_000_000_000L);

    @Property(tries = 3000, seed = "20261126")
    void randomBytes(@ForAll @Size(max = 600) byte[] line) {
        checkComplete(line, 0, line.length);
    }

    @Property(tries = 2000, seed = "3164")
    void randomBytesAfterAPri(@ForAll @Size(max = 400) byte[] tail) {
        byte[] line = new byte[tail.length + 4];
        System.arraycopy("<13>".getBytes(StandardCharsets.US_ASCII), 0, line, 0, 4);
        System.arraycopy(tail, 0, line, 4, tail.length);
        checkComplete(line, 0, line.length);
    }

    @Property(tries = 6000, seed = "5424")
    void mutatedRealLines(@ForAll("mutatedLines") byte[] line) {
        checkComplete(line, 0, line.length);
        if (line.length > 2) {
            checkComplete(line, 1, line.length - 2);
        }
    }

    @Property(tries = 300, seed = "99")
    void repeatedStructureStaysBounded(@ForAll("seeds") String seed, @ForAll @Size(min = 1, max = 40) List<Integer> repeats) {
        // Long lines made of many copies of one real line: many SD elements, key=value pairs, problems.
        StringBuilder b = new StringBuilder();
        for (int r : repeats) {
            b.append(seed, 0, Math.floorMod(r, seed.length() + 1));
        }
        byte[] line = b.toString().getBytes(StandardCharsets.UTF_8);
        checkComplete(line, 0, line.length);
    }

    @Property(tries = 3000, seed = "65279")
    void bomBetweenArbitraryHeaderAndMessage(@ForAll boolean ietf, @ForAll @Size(max = 60) byte[] header,
            @ForAll @Size(max = 60) byte[] message) {
        // The parser builds raw from the header, U+FEFF and the message when it can: any bytes on either side.
        byte[] head = (ietf ? "<13>1 2026-11-27T01:02:03.456+01:00 host app - - [a b=\"c\"] " : "<13>Nov 27 01:02:03 host app: ")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[head.length + header.length + 4 + message.length];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(header, 0, line, head.length, header.length);
        int at = head.length + header.length;
        line[at] = ' ';
        line[at + 1] = (byte) 0xEF;
        line[at + 2] = (byte) 0xBB;
        line[at + 3] = (byte) 0xBF;
        System.arraycopy(message, 0, line, at + 4, message.length);
        checkComplete(line, 0, line.length);
        checkComplete(line, head.length + header.length, line.length - head.length - header.length);
    }

    @Provide
    Arbitrary<String> seeds() {
        return Arbitraries.of(SEEDS);
    }

    /** A real line with 1 to 8 mutations: replaced, inserted or deleted bytes, or a truncation. */
    @Provide
    Arbitrary<byte[]> mutatedLines() {
        Arbitrary<int[]> mutation = Arbitraries.integers().between(0, Integer.MAX_VALUE).array(int[].class).ofSize(3);
        return Arbitraries.of(SEEDS).flatMap(seed -> mutation.list().ofMinSize(1).ofMaxSize(8).map(ms -> {
            byte[] b = seed.getBytes(StandardCharsets.UTF_8);
            for (int[] m : ms) {
                if (b.length == 0) {
                    break;
                }
                int at = m[1] % b.length;
                byte with = m[2] % 3 == 0 ? (byte) m[2] : ALPHABET[m[2] % ALPHABET.length];
                switch (m[0] % 4) {
                    case 0 -> b[at] = with;
                    case 1 -> {
                        byte[] grown = new byte[b.length + 1];
                        System.arraycopy(b, 0, grown, 0, at);
                        grown[at] = with;
                        System.arraycopy(b, at, grown, at + 1, b.length - at);
                        b = grown;
                    }
                    case 2 -> {
                        byte[] shrunk = new byte[b.length - 1];
                        System.arraycopy(b, 0, shrunk, 0, at);
                        System.arraycopy(b, at + 1, shrunk, at, b.length - at - 1);
                        b = shrunk;
                    }
                    default -> b = Arrays.copyOf(b, at);
                }
            }
            return b;
        }));
    }

    private void checkComplete(byte[] b, int offset, int length) {
        Event e = decoding.decode(b, offset, length, meta);
        String context = "input " + Arrays.toString(Arrays.copyOfRange(b, offset, offset + length));
        assertNotNull(e.get(Event.RAW), context);
        int end = offset + length;
        while (end > offset && (b[end - 1] == '\n' || b[end - 1] == '\r' || b[end - 1] == 0)) {
            end--;
        }
        assertEquals(new String(b, offset, end - offset, StandardCharsets.UTF_8), e.get(Event.RAW), context);
        assertNotNull(e.get(Event.RECEIVED), context);
        Instant.parse(e.getString(Event.TIMESTAMP)); // always a valid ISO-8601 instant
        assertTrue(e.get(Event.SEVERITY) instanceof Integer, context);
        String error = e.getString(Event.PARSE_ERROR);
        assertTrue(error == null || !(error.contains("internal parser error") || error.contains(" failed (")),
                () -> context + ": " + error);
        // Every field comes from the line: the whole event is a bounded multiple of it.
        long size = size(e.fields());
        assertTrue(size <= 6L * length + 2 * LineCursor.MAX_PROBLEMS_LENGTH + 512,
                () -> context + ": event of " + size + " chars from " + length + " bytes: " + e);
    }

    private static long size(Object value) {
        if (value instanceof Map<?, ?> map) {
            long n = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                n += entry.getKey().toString().length() + size(entry.getValue());
            }
            return n;
        }
        return value == null ? 0 : value.toString().length();
    }
}
