package org.socd.collector.syslog;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has delivered no complete message for the idle timeout.
 *
 * <p>It sits behind the frame decoder and counts whole frames, not bytes, so a slow-loris
 * sender dribbling one byte a second is closed like a silent one: it holds one connection and at
 * most one message's worth of buffer until the timeout, nothing more. A connection whose
 * reading socd itself paused (pipeline full) is not idle and is left alone.
 */
final class IdleCloser extends ChannelInboundHandlerAdapter {

    private final long timeoutNanos;
    private final InputMetrics metrics;
    private long lastFrame;
    /** A frame passed in the current read; the clock is read once per read, not per frame. */
    private boolean framed;
    private ScheduledFuture<?> check;

    IdleCloser(long timeoutNanos, InputMetrics metrics) {
        this.timeoutNanos = timeoutNanos;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        lastFrame = System.nanoTime();
        schedule(ctx, timeoutNanos);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame) {
            framed = true;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (framed) {
            framed = false;
            lastFrame = System.nanoTime();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long idle = System.nanoTime() - lastFrame;
        if (!ctx.channel().config().isAutoRead()) {
            lastFrame = System.nanoTime();
            schedule(ctx, timeoutNanos); // paused by backpressure: waiting on us, not on the sender
        } else if (idle >= timeoutNanos) {
            metrics.idleClosed.increment();
            ctx.close();
        } else {
            schedule(ctx, timeoutNanos - idle);
        }
    }
}
