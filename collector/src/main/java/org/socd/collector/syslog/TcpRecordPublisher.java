package org.socd.collector.syslog;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.socd.collector.intake.RecordSink;
import org.socd.collector.net.PeerAddress;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * Hands each framed TCP message to the sink and applies backpressure instead of loss.
 *
 * <p>The frames of one read are handed over together, with one metadata (one connection, one
 * receive time), when the read completes or {@value #RUN} have gathered: the journal then
 * takes its lock once per run instead of once per message.
 *
 * <p>When the sink refuses a message, the channel stops reading ({@code autoRead=false}) and the
 * refused message and any already-decoded ones wait here, in order, while a task on the
 * channel's own event loop retries every millisecond. The sender's TCP window then fills and it
 * slows down; no message is dropped and the event loop never blocks. The queue is bounded by
 * what one read can hold, because nothing more is read while it is non-empty.
 */
final class TcpRecordPublisher extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(TcpRecordPublisher.class.getName());
    private static final long RETRY_MICROS = 1000;
    /** Frames handed to the sink at once at most; bounds what waits here between flushes. */
    static final int RUN = 256;

    private final RecordSink sink;
    private final InputMetrics metrics;
    private final String input;
    /** Frames of the current read not yet offered: {@code runArrays/Offsets/Lengths[0 .. runLength)}. */
    private final byte[][] runArrays = new byte[RUN][];
    private final int[] runOffsets = new int[RUN];
    private final int[] runLengths = new int[RUN];
    private int runLength;
    /** Refused frames, oldest first; while any wait, reading is paused and new frames queue here. */
    private final ArrayDeque<Frame> waiting = new ArrayDeque<>();
    private String peerAddress;
    private int peerPort;
    private boolean retryScheduled;
    /**
     * Receive time of the frames of the current read, taken at its first frame; 0 between reads.
     * One read's frames arrived in one syscall, so one clock reading serves them all, and the
     * clock was a visible cost per message on the event loop at hundreds of thousands a second.
     */
    private long readNanos;
    /** Counts of the current read, added to the shared counters once per read for the same reason. */
    private long readFrames;
    private long readBytes;
    private long readTruncated;

    TcpRecordPublisher(RecordSink sink, InputMetrics metrics, String input) {
        this.sink = sink;
        this.metrics = metrics;
        this.input = input;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        peerAddress = PeerAddress.ip(ctx.channel().remoteAddress());
        peerPort = PeerAddress.port(ctx.channel().remoteAddress());
        metrics.connections.incrementAndGet();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        metrics.connections.decrementAndGet();
        flushRun(ctx);
        countRead();
        // What the peer sent before it went away is still ours to deliver: the retry task keeps
        // running on the event loop after the channel is gone, until the queue is empty.
        drain(ctx);
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof OctetCountRejected rejected) {
            // Counted always, logged now and then: one broken sender must not flood the log.
            metrics.octetCountRejected.increment();
            if (((long) metrics.octetCountRejected.count() & 1023) == 1) {
                LOG.log(System.Logger.Level.WARNING, "syslog from {0}:{1} ({2}): octet count {3} is larger than any"
                        + " message ({4} bytes max); reading the frame as a newline-delimited message instead"
                        + " — if the sender uses octet counting, its framing is broken",
                        peerAddress, Integer.toString(peerPort), input, rejected.count(),
                        Long.toString(SyslogFrameDecoder.MAX_OCTET_COUNT));
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Frame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        readFrames++;
        if (frame.truncated()) {
            readTruncated++;
        }
        readBytes += frame.length();
        if (readNanos == 0) {
            readNanos = Clocks.nowNanos();
        }
        if (!waiting.isEmpty()) {
            waiting.add(frame); // already paused: behind the ones waiting, in order
            return;
        }
        runArrays[runLength] = frame.buffer();
        runOffsets[runLength] = frame.offset();
        runLengths[runLength] = frame.length();
        runLength++;
        if (runLength == RUN) {
            flushRun(ctx);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushRun(ctx);
        countRead();
        readNanos = 0;
        ctx.fireChannelReadComplete();
    }

    private void countRead() {
        if (readFrames > 0) {
            metrics.received.increment(readFrames);
            metrics.bytes.increment(readBytes);
            readFrames = readBytes = 0;
        }
        if (readTruncated > 0) {
            metrics.truncated.increment(readTruncated);
            readTruncated = 0;
        }
    }

    /** Offers the gathered frames; what the sink refuses waits, and reading pauses. */
    private void flushRun(ChannelHandlerContext ctx) {
        if (runLength == 0) {
            return;
        }
        int taken = sink.offer(runArrays, runOffsets, runLengths, 0, runLength,
                metadata(readNanos != 0 ? readNanos : Clocks.nowNanos()));
        for (int i = taken; i < runLength; i++) {
            // Counted already; only the bytes matter from here on.
            waiting.add(new Frame(runArrays[i], runOffsets[i], runLengths[i], false));
        }
        Arrays.fill(runArrays, 0, runLength, null);
        runLength = 0;
        if (!waiting.isEmpty()) {
            pause(ctx);
        }
    }

    private ReceiveMetadata metadata(long receivedNanos) {
        return new ReceiveMetadata(input, peerAddress, peerPort, receivedNanos);
    }

    private void pause(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(false);
        scheduleRetry(ctx);
    }

    private void scheduleRetry(ChannelHandlerContext ctx) {
        if (!retryScheduled) {
            retryScheduled = true;
            ctx.executor().schedule(() -> {
                retryScheduled = false;
                drain(ctx);
            }, RETRY_MICROS, TimeUnit.MICROSECONDS);
        }
    }

    private void drain(ChannelHandlerContext ctx) {
        // Frames retried after backpressure were received in an earlier read; stamp them now.
        ReceiveMetadata meta = metadata(Clocks.nowNanos());
        Frame head;
        while ((head = waiting.peek()) != null) {
            if (!sink.offer(head.buffer(), head.offset(), head.length(), meta)) {
                scheduleRetry(ctx);
                return;
            }
            waiting.poll();
        }
        if (ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }
}
