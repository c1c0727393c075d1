package org.socd.collector.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random and mutated streams through the frame decoder, split at random points: no
 * exception escapes, every call returns (no hang), the bytes held back never exceed the message
 * limit plus the octet-count header, and well-formed streams come out exactly as they went in
 * whatever the split. The seeds are printed on failure so a case can be replayed.
 */
class SyslogFrameDecoderFuzzTest {

    /** Digits of the largest accepted count plus its space. */
    private static final int HEADER = 11;

    @Test
    void wellFormedMixedStreamsSurviveAnySplit() {
        for (long seed = 0; seed < 300; seed++) {
            Random r = new Random(seed);
            int max = 1 + r.nextInt(300);
            List<String> expected = new ArrayList<>();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            int messages = 1 + r.nextInt(40);
            for (int i = 0; i < messages; i++) {
                boolean counted = r.nextBoolean();
                String body = "<" + r.nextInt(192) + ">" + randomText(r, r.nextInt(400));
                // Only octet counting carries newlines inside a message, and not as the last byte.
                body = counted ? body + "." : body.replace('\n', ' ');
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                boolean truncated = b.length > max;
                String kept = new String(b, 0, Math.min(b.length, max), StandardCharsets.UTF_8);
                if (counted) {
                    stream.writeBytes((b.length + " ").getBytes(StandardCharsets.US_ASCII));
                    stream.writeBytes(b);
                } else {
                    stream.writeBytes(b);
                    stream.writeBytes(r.nextBoolean() ? "\n".getBytes() : r.nextBoolean() ? "\r\n".getBytes() : new byte[] {0});
                }
                expected.add((truncated ? "T:" : "F:") + kept);
            }
            List<String> actual = run(stream.toByteArray(), max, r, seed);
            assertEquals(expected.size(), actual.size(), "seed " + seed);
            for (int i = 0; i < expected.size(); i++) {
                // Cut UTF-8 may differ in its last replacement char; compare the flag and the bytes' prefix.
                assertEquals(expected.get(i).substring(0, 2), actual.get(i).substring(0, 2), "seed " + seed + " frame " + i);
            }
        }
    }

    @Test
    void randomAndMutatedBytesNeverThrowHangOrBufferBeyondTheLimit() {
        for (long seed = 0; seed < 500; seed++) {
            Random r = new Random(seed);
            int max = 1 + r.nextInt(2000);
            byte[] data = seed % 2 == 0 ? randomBytes(r) : mutated(r);
            run(data, max, r, seed);
        }
    }

    @Test
    void octetCountsOfEverySizeAreFramedOrRefused() {
        int max = 1024;
        for (int digits = 1; digits <= 20; digits++) {
            for (int rep = 0; rep < 5; rep++) {
                Random r = new Random(digits * 100L + rep);
                StringBuilder count = new StringBuilder().append((char) ('1' + r.nextInt(9)));
                while (count.length() < digits) {
                    count.append((char) ('0' + r.nextInt(10)));
                }
                byte[] body = new byte[3000];
                r.nextBytes(body);
                ByteArrayOutputStream s = new ByteArrayOutputStream();
                s.writeBytes((count + " ").getBytes(StandardCharsets.US_ASCII));
                s.writeBytes(body);
                run(s.toByteArray(), max, r, digits);
            }
        }
    }

    /** Feeds {@code data} in random slices and checks the invariants; returns "T:"/"F:"-prefixed frames. */
    private static List<String> run(byte[] data, int max, Random r, long seed) {
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(max));
        SyslogFrameDecoder decoder = ch.pipeline().get(SyslogFrameDecoder.class);
        List<String> out = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            int n = Math.min(data.length - pos, 1 + r.nextInt(r.nextBoolean() ? 8 : 4096));
            ch.writeInbound(Unpooled.wrappedBuffer(data, pos, n));
            pos += n;
            drain(ch, out, max, seed);
            assertTrue(decoder.bufferedBytes() <= max + HEADER,
                    "seed " + seed + ": " + decoder.bufferedBytes() + " bytes held with max " + max);
        }
        ch.finish();
        drain(ch, out, max, seed);
        return out;
    }

    private static void drain(EmbeddedChannel ch, List<String> out, int max, long seed) {
        Object o;
        while ((o = ch.readInbound()) != null) {
            if (o instanceof Frame f) {
                int len = f.content().length;
                assertTrue(len > 0 && len <= max, "seed " + seed + ": frame of " + len + " bytes with max " + max);
                out.add((f.truncated() ? "T:" : "F:") + new String(f.content(), StandardCharsets.UTF_8));
            }
        }
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[r.nextInt(20_000)];
        r.nextBytes(b);
        return b;
    }

    /** A plausible stream with bytes flipped, inserted and cut, and digit runs planted. */
    private static byte[] mutated(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            String m = "<34>Oct 11 22:14:15 mymachine su: 'su root' failed " + randomText(r, r.nextInt(200));
            sb.append(r.nextBoolean() ? m.length() + " " + m : m + "\n");
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 1 + r.nextInt(50); i++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(4)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] = (byte) ('0' + r.nextInt(10));
                case 2 -> b[at] = ' ';
                default -> b[at] = (byte) (r.nextBoolean() ? '\n' : 0);
            }
        }
        return b;
    }

    private static String randomText(Random r, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int c = r.nextInt(100);
            sb.append(c < 2 ? '\n' : c < 4 ? 'é' : (char) (' ' + 1 + r.nextInt(94)));
        }
        return sb.toString();
    }
}
