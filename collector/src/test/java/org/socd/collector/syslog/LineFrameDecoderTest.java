package org.socd.collector.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.socd.collector.syslog.LineFrameDecoder.Frame;

class LineFrameDecoderTest {

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    /** Reads every frame the channel has produced, releasing the buffers. */
    private static List<String> frames(EmbeddedChannel ch, List<Boolean> truncated) {
        List<String> out = new ArrayList<>();
        Frame f;
        while ((f = ch.readInbound()) != null) {
            out.add(f.content().toString(StandardCharsets.UTF_8));
            truncated.add(f.truncated());
            f.content().release();
        }
        return out;
    }

    @Test
    void splitsOnLfCrLfAndNulAndSkipsBlankLines() {
        EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(1024));
        ch.writeInbound(bytes("one\ntwo\r\nthree\0\n\nfour"));
        List<Boolean> t = new ArrayList<>();
        assertEquals(List.of("one", "two", "three"), frames(ch, t));
        ch.writeInbound(bytes(" more\n"));
        assertEquals(List.of("four more"), frames(ch, t));
        assertFalse(t.contains(true));
    }

    @Test
    void messageSplitAcrossReadsIsReassembled() {
        EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(1024));
        for (char c : "<13>Nov 26 10:00:00 host app: hello\n".toCharArray()) {
            ch.writeInbound(bytes(String.valueOf(c)));
        }
        assertEquals(List.of("<13>Nov 26 10:00:00 host app: hello"), frames(ch, new ArrayList<>()));
    }

    @Test
    void overlongLineIsCutDiscardedAndTheConnectionGoesOn() {
        EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(16));
        LineFrameDecoder decoder = ch.pipeline().get(LineFrameDecoder.class);
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
        EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(max));
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        List<Boolean> t = new ArrayList<>();
        int frames = 0;
        for (int i = 0; i < 160; i++) { // 10 MiB
            ch.writeInbound(Unpooled.wrappedBuffer(chunk));
            frames += frames(ch, t).size();
        }
        ch.writeInbound(bytes("\nafter\n"));
        List<String> rest = frames(ch, t);
        assertEquals(1, frames, "one cut frame for the whole over-long line");
        assertEquals(List.of("after"), rest);
        assertEquals(10L * 1024 * 1024 - max, ch.pipeline().get(LineFrameDecoder.class).discardedBytes());
    }

    @Test
    void lastLineWithoutNewlineIsDeliveredOnDisconnect() {
        EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(1024));
        ch.writeInbound(bytes("complete\npartial"));
        List<Boolean> t = new ArrayList<>();
        assertEquals(List.of("complete"), frames(ch, t));
        ch.finish();
        assertEquals(List.of("partial"), frames(ch, t));
        assertNull(ch.readInbound());
    }

    @Test
    void binaryGarbageIsFramedNotFatal() {
        EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(32));
        byte[] garbage = new byte[100_000];
        new java.util.Random(42).nextBytes(garbage);
        ch.writeInbound(Unpooled.wrappedBuffer(garbage));
        ch.writeInbound(bytes("\nok\n"));
        List<String> out = frames(ch, new ArrayList<>());
        assertEquals("ok", out.get(out.size() - 1));
        assertTrue(ch.isActive());
    }
}
