package org.socd.collector.relp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.socd.collector.journal.Journal;
import org.socd.collector.net.PeerAddress;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * One RELP session: answers {@code open}, journals each {@code syslog} message and answers
 * {@code 200 OK} only once it is fsynced, answers {@code close} and closes. Answers leave in the
 * order the commands came, whatever order their fsyncs complete in.
 *
 * <p>Backpressure instead of loss: when the journal refuses a message (buffer or disk full),
 * reading stops and the message waits here, retried every millisecond on this channel's event
 * loop; unanswered, the sender's window fills and it stops sending. The same happens when a
 * client keeps sending without reading its answers ({@link #MAX_UNANSWERED}).
 */
final class RelpSession extends ChannelInboundHandlerAdapter {

    static final int MAX_UNANSWERED = 1024;
    private static final long RETRY_MICROS = 1000;

    /** One command awaiting its answer; {@code text} is set when the answer is known. */
    private static final class Answer {
        final long txnr;
        String text;
        boolean closeAfter;

        Answer(long txnr) {
            this.txnr = txnr;
        }
    }

    private final Journal journal;
    private final RelpDedup dedup;
    private final RelpMetrics metrics;
    private final ArrayDeque<Answer> answers = new ArrayDeque<>();
    private final ArrayDeque<RelpFrame> waiting = new ArrayDeque<>();
    private final boolean[] duplicate = new boolean[1];
    private byte[] scratch = new byte[4096];
    private String peerAddress;
    private int peerPort;
    private boolean opened;
    private boolean retryScheduled;
    private boolean closing;

    RelpSession(Journal journal, RelpDedup dedup, RelpMetrics metrics) {
        this.journal = journal;
        this.dedup = dedup;
        this.metrics = metrics;
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
        // Unanswered messages are the sender's to retransmit; what is already journaled is
        // recognised then by the dedup and not journaled twice.
        RelpFrame f;
        while ((f = waiting.poll()) != null) {
            f.data().release();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof RelpFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closing) {
            frame.data().release();
            return;
        }
        if (!waiting.isEmpty() || !handle(ctx, frame)) {
            waiting.add(frame);
            pause(ctx);
        }
    }

    /** False when the journal refused the message: the frame is kept for a retry. */
    private boolean handle(ChannelHandlerContext ctx, RelpFrame frame) {
        String command = frame.command();
        metrics.command(command);
        Answer answer = new Answer(frame.txnr());
        switch (command) {
            case "open" -> {
                answer.text = "200 OK\n" + offers(frame.data());
                opened = true;
            }
            case "syslog" -> {
                if (!opened) {
                    answer.text = "500 session not opened: send open first";
                } else if (!journal(ctx, frame, answer)) {
                    return false;
                }
            }
            case "close" -> {
                answer.text = "200 OK";
                answer.closeAfter = true;
                closing = true;
            }
            default -> answer.text = "500 unknown command " + command + "; this server accepts open, syslog, close";
        }
        frame.data().release();
        answers.add(answer);
        if (answers.size() >= MAX_UNANSWERED) {
            ctx.channel().config().setAutoRead(false);
        }
        sendReady(ctx);
        return true;
    }

    private boolean journal(ChannelHandlerContext ctx, RelpFrame frame, Answer answer) {
        ByteBuf data = frame.data();
        int length = data.readableBytes();
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        data.getBytes(data.readerIndex(), scratch, 0, length);
        Instant now = Instant.now();
        ReceiveMetadata meta = new ReceiveMetadata(metrics.input, peerAddress, peerPort,
                now.getEpochSecond() * 1_000_000_000L + now.getNano());
        long position = dedup.appendOnce(journal, scratch, 0, length, meta, duplicate);
        if (position < 0) {
            return false;
        }
        if (duplicate[0]) {
            metrics.duplicates.increment();
        } else {
            metrics.received.increment();
            metrics.bytes.increment(length);
        }
        journal.whenDurable(position, () -> ctx.executor().execute(() -> {
            answer.text = "200 OK";
            sendReady(ctx);
        }));
        return true;
    }

    /** The offers we accept: RELP as librelp speaks it, and only the syslog command. */
    private static String offers(ByteBuf data) {
        String version = "0";
        for (String line : data.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("relp_version=")) {
                String v = line.substring("relp_version=".length()).trim();
                version = v.equals("0") || v.equals("1") ? v : "1";
            }
        }
        return "relp_version=" + version + "\nrelp_software=socd,0.1.0\ncommands=syslog";
    }

    /** Writes the answers at the head of the queue that are known, in command order. */
    private void sendReady(ChannelHandlerContext ctx) {
        boolean wrote = false;
        Answer head;
        while ((head = answers.peek()) != null && head.text != null) {
            answers.poll();
            byte[] text = head.text.getBytes(StandardCharsets.UTF_8);
            ByteBuf out = ctx.alloc().buffer(text.length + 24);
            out.writeCharSequence(head.txnr + " rsp " + text.length + " ", StandardCharsets.US_ASCII);
            out.writeBytes(text).writeByte('\n');
            var future = ctx.write(out);
            wrote = true;
            if (head.closeAfter) {
                ctx.flush();
                future.addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        if (wrote) {
            ctx.flush();
        }
        if (!closing && waiting.isEmpty() && answers.size() < MAX_UNANSWERED && ctx.channel().isActive()
                && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }

    private void pause(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(false);
        if (!retryScheduled) {
            retryScheduled = true;
            ctx.executor().schedule(() -> {
                retryScheduled = false;
                drain(ctx);
            }, RETRY_MICROS, TimeUnit.MICROSECONDS);
        }
    }

    private void drain(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        RelpFrame head;
        while ((head = waiting.peek()) != null) {
            if (!handle(ctx, head)) {
                pause(ctx);
                return;
            }
            waiting.poll();
        }
        sendReady(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof io.netty.handler.timeout.IdleStateEvent && answers.isEmpty() && waiting.isEmpty()) {
            ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), "0 serverclose 0\n"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                && !(cause instanceof RelpFrameDecoder.RelpFramingException) ? cause.getCause() : cause;
        metrics.error(c instanceof RelpFrameDecoder.RelpFramingException ? "framing" : "transport",
                "RELP session from " + peerAddress + ":" + peerPort + " closed: " + c.getMessage());
        if (ctx.channel().isActive()) {
            // The hint RELP defines for a server-side close, then the close itself.
            ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), "0 serverclose 0\n"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
