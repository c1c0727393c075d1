package org.socd.collector.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogFrameDecoderTest {

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static String counted(String msg) {
        return msg.getBytes(StandardCharsets.UTF_8).length + " " + msg;
    }

    /** Reads every frame the channel has produced, releasing the buffers. */
    private static List<String> frames(EmbeddedChannel ch, List<Boolean> truncated) {
        List<String> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            Frame f = assertInstanceOf(Frame.class, o);
            out.add(new String(f.content(), StandardCharsets.UTF_8));
            truncated.add(f.truncated());
        }
        return out;
    }

    @Test
    void splitsOnLfCrLfAndNulAndSkipsBlankLines() {
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(1024));
        ch.writeInbound(bytes("one\ntwo\r\nthree\0\n\nfour"));
        List<Boolean> t = new ArrayList<>();
        assertEquals(List.of("one", "two", "three"), frames(ch, t));
        ch.writeInbound(bytes(" more\n"));
        assertEquals(List.of("four more"), frames(ch, t));
        assertFalse(t.contains(true));
    }

    /**
     * The frames of a read share one array; frames kept from an earlier read (as a paused
     * publisher keeps them) must still hold their bytes after later reads.
     */
    @Test
    void framesOfOneReadShareAnArrayThatLaterReadsNeverOverwrite() {
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(1024));
        List<Frame> kept = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int read = 0; read < 50; read++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                String line = "<13>Nov 27 07:00:00 host app: read " + read + " line " + i;
                expected.add(line);
                b.append(line).append('\n');
            }
            ch.writeInbound(bytes(b.toString()));
            Object o;
            while ((o = ch.readInbound()) != null) {
                kept.add((Frame) o);
            }
        }
        assertEquals(expected, kept.stream().map(f -> new String(f.buffer(), f.offset(), f.length(),
                StandardCharsets.UTF_8)).toList());
        assertTrue(kept.get(0).buffer() == kept.get(19).buffer(), "one read, one array");
        assertTrue(kept.get(19).buffer() != kept.get(20).buffer(), "a new read, a new array");
        ch.writeInbound(bytes("<13>alone\n"));
        Frame alone = (Frame) ch.readInbound();
        assertTrue(alone.buffer().length <= "<13>alone\n".length(), "a read of one message allocates about that");
    }

    @Test
    void octetCountedFramesKeepEmbeddedNewlines() {
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(1024));
        String a = "<13>1 2026-11-26T10:00:00Z host app - - - two\nlines";
        String b = "<13>Nov 26 10:00:00 host app: second";
        ch.writeInbound(bytes(counted(a) + counted(b) + counted(b + "\n") + counted(b + "\r\n")));
        assertEquals(List.of(a, b, b, b), frames(ch, new ArrayList<>()), "a trailing LF inside the count is dropped");
    }

    @Test
    void framingIsChosenPerFrameSoAConnectionMayMix() {
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(1024));
        // A delimited message that starts with digits but no space after them stays delimited.
        ch.writeInbound(bytes(counted("<13>counted one") + "<13>lf one\n" + counted("<13>counted two")
                + "\n" + "2026-11-26T10:00:00Z host app: no pri\n" + "12abc\n"));
        assertEquals(List.of("<13>counted one", "<13>lf one", "<13>counted two", "2026-11-26T10:00:00Z host app: no pri",
                "12abc"), frames(ch, new ArrayList<>()));
    }

    @Test
    void octetCountSplitAcrossReadsIsReassembledByteByByte() {
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(1024));
        String msg = "<13>Nov 26 10:00:00 host app: hello";
        for (char c : (counted(msg) + counted(msg)).toCharArray()) {
            ch.writeInbound(bytes(String.valueOf(c)));
        }
        assertEquals(List.of(msg, msg), frames(ch, new ArrayList<>()));
    }

    @Test
    void octetCountAboveTheLimitDeliversTheHeadSkipsTheRestAndStaysInStep() {
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(10));
        SyslogFrameDecoder decoder = ch.pipeline().get(SyslogFrameDecoder.class);
        ch.writeInbound(bytes("26 abcdefghijklmnopqrstuvwxyz" + counted("next")));
        List<Boolean> t = new ArrayList<>();
        assertEquals(List.of("abcdefghij", "next"), frames(ch, t));
        assertEquals(List.of(true, false), t);
        assertEquals(16, decoder.discardedBytes());
    }

    @Test
    void hugeOctetCountIsReportedAndTheFrameReadAsALineWithoutBufferingIt() {
        int max = 64 * 1024;
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(max));
        SyslogFrameDecoder decoder = ch.pipeline().get(SyslogFrameDecoder.class);
        ch.writeInbound(bytes(counted("<13>fine") + "99999999999 <13>then a flood"));
        Frame first = ch.readInbound();
        assertEquals("<13>fine", new String(first.content(), StandardCharsets.UTF_8));
        assertEquals(1, decoder.rejectedCounts());
        byte[] flood = new byte[1 << 20];
        Arrays.fill(flood, (byte) 'x');
        ch.writeInbound(Unpooled.wrappedBuffer(flood));
        assertTrue(decoder.bufferedBytes() <= max, "never more than one message's worth: " + decoder.bufferedBytes());
        Frame cut = ch.readInbound();
        assertTrue(cut.truncated());
        assertTrue(new String(cut.content(), StandardCharsets.UTF_8).startsWith("99999999999 <13>then a flood"));
        ch.writeInbound(bytes("\n<13>after\n"));
        assertEquals(List.of("<13>after"), frames(ch, new ArrayList<>()), "the connection goes on");
    }

    @Test
    void epochTimestampAtTheStartOfALineIsNotTakenForACount() {
        List<Object> events = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(1024), new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(io.netty.channel.ChannelHandlerContext ctx, Object evt) {
                events.add(evt);
            }
        });
        ch.writeInbound(bytes("1732612345 host app: no pri, epoch seconds\n<13>next\n123456789012abc\n"));
        assertEquals(List.of(new OctetCountRejected("1732612345")), events, "a long number without a space is no count");
        assertEquals(List.of("1732612345 host app: no pri, epoch seconds", "<13>next", "123456789012abc"),
                frames(ch, new ArrayList<>()));
    }

    @Test
    void countAboveTheMessageLimitButPlausibleKeepsTheStreamInStep() {
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(1024));
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) 'y');
        ch.writeInbound(bytes("5000 "), Unpooled.wrappedBuffer(big), bytes(counted("<13>next")));
        List<Boolean> t = new ArrayList<>();
        List<String> out = frames(ch, t);
        assertEquals(2, out.size());
        assertEquals(1024, out.get(0).length());
        assertEquals("<13>next", out.get(1));
        assertEquals(List.of(true, false), t);
    }

    @Test
    void overlongLineIsCutDiscardedAndTheConnectionGoesOn() {
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(16));
        SyslogFrameDecoder decoder = ch.pipeline().get(SyslogFrameDecoder.class);
        ch.writeInbound(bytes("abcdefghijklmnopqrstuvwxyz"));
        ch.writeInbound(bytes("0123456789\nnext\n"));
        List<Boolean> t = new ArrayList<>();
        assertEquals(List.of("abcdefghijklmnop", "next"), frames(ch, t));
        assertEquals(List.of(true, false), t);
        assertEquals(26 - 16 + 10, decoder.discardedBytes());
        assertTrue(ch.isActive());
    }

    @Test
    void tenMegabytesWithoutNewlineNeverBuffersMoreThanTheLimit() {
        int max = 64 * 1024;
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(max));
        SyslogFrameDecoder decoder = ch.pipeline().get(SyslogFrameDecoder.class);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        List<Boolean> t = new ArrayList<>();
        int frames = 0;
        for (int i = 0; i < 160; i++) { // 10 MiB
            ch.writeInbound(Unpooled.wrappedBuffer(chunk));
            frames += frames(ch, t).size();
            assertTrue(decoder.bufferedBytes() <= max);
        }
        ch.writeInbound(bytes("\nafter\n"));
        List<String> rest = frames(ch, t);
        assertEquals(1, frames, "one cut frame for the whole over-long line");
        assertEquals(List.of("after"), rest);
        assertEquals(10L * 1024 * 1024 - max, decoder.discardedBytes());
    }

    @Test
    void lastLineWithoutNewlineIsDeliveredOnDisconnectAndAShortCountedFrameFlagged() {
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(1024));
        ch.writeInbound(bytes("complete\npartial"));
        List<Boolean> t = new ArrayList<>();
        assertEquals(List.of("complete"), frames(ch, t));
        ch.finish();
        assertEquals(List.of("partial"), frames(ch, t));
        assertNull(ch.readInbound());

        EmbeddedChannel counted = new EmbeddedChannel(new SyslogFrameDecoder(1024));
        counted.writeInbound(bytes("100 only this"));
        counted.finish();
        List<Boolean> t2 = new ArrayList<>();
        assertEquals(List.of("only this"), frames(counted, t2));
        assertEquals(List.of(true), t2);
    }

    @Test
    void binaryGarbageIsFramedNotFatal() {
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(32));
        byte[] garbage = new byte[100_000];
        new java.util.Random(42).nextBytes(garbage);
        ch.writeInbound(Unpooled.wrappedBuffer(garbage));
        ch.writeInbound(bytes("\nok\n"));
        List<Object> all = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            all.add(o);
            if (o instanceof Frame f) {
            }
        }
        assertTrue(ch.isActive());
        assertFalse(all.isEmpty());
    }
}
