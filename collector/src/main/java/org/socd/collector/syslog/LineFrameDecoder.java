package org.socd.collector.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits a syslog TCP stream into messages at LF (a preceding CR is dropped) or NUL, the
 * non-transparent framing of RFC 6587 that most senders use.
 *
 * <p>Bounded: a message longer than {@code maxFrameBytes} is cut at that size and passed on as a
 * {@link Frame} marked truncated; everything after the cut up to the next delimiter is discarded
 * without being buffered, so a sender streaming megabytes without a newline costs at most
 * {@code maxFrameBytes} of memory. The connection survives. On disconnect, a final message
 * without a delimiter is still delivered (senders often omit the last newline).
 */
public final class LineFrameDecoder extends ByteToMessageDecoder {

    /** One framed message; the receiver owns {@code content} and must release it. */
    public record Frame(ByteBuf content, boolean truncated) {
    }

    private final int maxFrameBytes;
    /** True after a cut, until the delimiter that ends the over-long message has been seen. */
    private boolean discarding;
    /** Bytes already scanned for a delimiter in the current cumulation, so they are not rescanned. */
    private int scanned;
    private long discardedBytes;

    public LineFrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Bytes thrown away after cuts on this connection so far. */
    public long discardedBytes() {
        return discardedBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int end = in.writerIndex();
            int delimiter = findDelimiter(in, start + scanned, end);
            if (discarding) {
                if (delimiter < 0) {
                    discardedBytes += end - start;
                    in.skipBytes(end - start);
                    scanned = 0;
                    return;
                }
                discardedBytes += delimiter - start;
                in.readerIndex(delimiter + 1);
                discarding = false;
                scanned = 0;
                continue;
            }
            if (delimiter < 0) {
                int available = end - start;
                if (available > maxFrameBytes) {
                    out.add(new Frame(in.readRetainedSlice(maxFrameBytes), true));
                    discarding = true;
                    scanned = 0;
                    continue;
                }
                scanned = available;
                return;
            }
            scanned = 0;
            int length = delimiter - start;
            if (length > 0 && in.getByte(delimiter - 1) == '\r') {
                length--;
            }
            boolean truncated = length > maxFrameBytes;
            if (length == 0) {
                in.readerIndex(delimiter + 1);
                continue; // blank lines carry nothing worth an event
            }
            out.add(new Frame(in.retainedSlice(start, Math.min(length, maxFrameBytes)), truncated));
            if (truncated) {
                discardedBytes += length - maxFrameBytes;
            }
            in.readerIndex(delimiter + 1);
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (in.isReadable() && !discarding) {
            int length = in.readableBytes();
            if (length > 0 && in.getByte(in.writerIndex() - 1) == '\r') {
                length--;
            }
            if (length > 0) {
                out.add(new Frame(in.readRetainedSlice(length), false));
            }
        }
        in.skipBytes(in.readableBytes());
    }

    private static int findDelimiter(ByteBuf buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf.getByte(i);
            if (b == '\n' || b == 0) {
                return i;
            }
        }
        return -1;
    }
}
