package org.socd.collector.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.socd.collector.intake.RecordSink;
import org.socd.protocol.event.ReceiveMetadata;

class TcpRecordPublisherTest {

    /** Takes records while it has room; the test gives it more room as the pipeline would drain. */
    private static final class BoundedSink implements RecordSink {
        final List<String> taken = new ArrayList<>();
        final List<ReceiveMetadata> metas = new ArrayList<>();
        int room;
        int runCalls;

        @Override
        public boolean offer(byte[] data, int offset, int length, ReceiveMetadata meta) {
            if (room == 0) {
                return false;
            }
            room--;
            taken.add(new String(data, offset, length, StandardCharsets.UTF_8));
            metas.add(meta);
            return true;
        }

        @Override
        public int offer(byte[][] arrays, int[] offsets, int[] lengths, int from, int to, ReceiveMetadata meta) {
            runCalls++;
            return RecordSink.super.offer(arrays, offsets, lengths, from, to, meta);
        }
    }

    private static EmbeddedChannel channel(BoundedSink sink) {
        InputMetrics metrics = new InputMetrics(new SimpleMeterRegistry(), "syslog-tcp", true);
        return new EmbeddedChannel(new SyslogFrameDecoder(1024), new TcpRecordPublisher(sink, metrics, "syslog-tcp"));
    }

    private static String lines(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append("<13>Nov 27 07:00:00 host app: line ").append(i).append('\n');
        }
        return b.toString();
    }

    private static List<String> expected(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("<13>Nov 27 07:00:00 host app: line " + i);
        }
        return out;
    }

    /** One read of {@code text} from the peer. */
    private static void send(EmbeddedChannel ch, String text) {
        ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    /** The pipeline drained to {@code room} free slots; the publisher's 1 ms retry runs. */
    private static void retryWithRoom(EmbeddedChannel ch, BoundedSink sink, int room) {
        sink.room = room;
        ch.advanceTimeBy(2, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
    }

    @Test
    void oneReadIsHandedOverInRunsWithOneMetadata() {
        BoundedSink sink = new BoundedSink();
        sink.room = Integer.MAX_VALUE;
        EmbeddedChannel ch = channel(sink);
        int n = TcpRecordPublisher.RUN * 2 + 10;
        send(ch, lines(0, n));
        assertEquals(expected(0, n), sink.taken);
        assertEquals(3, sink.runCalls, "full runs as they gather, the rest when the read completes");
        assertEquals(1, new HashSet<>(sink.metas).size(), "one read, one receive time and peer");
        send(ch, lines(n, n + 1));
        assertEquals(n + 1, sink.taken.size());
        ch.finishAndReleaseAll();
    }

    @Test
    void aRefusedRunPausesReadingAndLosesNothingAndKeepsTheOrder() {
        BoundedSink sink = new BoundedSink();
        sink.room = 100;
        EmbeddedChannel ch = channel(sink);
        int n = TcpRecordPublisher.RUN + 200;
        send(ch, lines(0, n));
        assertEquals(100, sink.taken.size());
        assertFalse(ch.config().isAutoRead(), "refused: the channel stops reading");
        retryWithRoom(ch, sink, 50);
        assertEquals(150, sink.taken.size());
        assertFalse(ch.config().isAutoRead());
        retryWithRoom(ch, sink, Integer.MAX_VALUE);
        assertEquals(expected(0, n), sink.taken);
        assertTrue(ch.config().isAutoRead(), "all delivered: reading resumes");
        Set<ReceiveMetadata> metas = new HashSet<>(sink.metas);
        assertTrue(metas.size() >= 2, "retried records are stamped when taken");
        ch.finishAndReleaseAll();
    }

    @Test
    void whatWaitsWhenThePeerLeavesIsStillDelivered() {
        BoundedSink sink = new BoundedSink();
        sink.room = 0;
        EmbeddedChannel ch = channel(sink);
        send(ch, lines(0, 20) + "<13>Nov 27 07:00:00 host app: no newline");
        // The peer's FIN, as the pipeline sees it. Not ch.close(): an EmbeddedChannel cancels its
        // scheduled tasks on close, where a real event loop keeps running the retry.
        ch.pipeline().fireChannelInactive();
        retryWithRoom(ch, sink, Integer.MAX_VALUE);
        List<String> all = expected(0, 20);
        all.add("<13>Nov 27 07:00:00 host app: no newline");
        assertEquals(all, sink.taken);
    }
}
