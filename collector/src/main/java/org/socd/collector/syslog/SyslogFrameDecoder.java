package org.socd.collector.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits a syslog TCP or TLS stream into messages by RFC 6587, choosing the framing anew at
 * every frame as rsyslog does: a frame that starts with a digit 1-9 followed by digits and a
 * space is octet-counted ({@code 57 <13>...}); anything else is delimited by LF (a preceding CR
 * is dropped) or NUL. A connection may therefore mix both, and a delimited message that merely
 * starts with a digit ({@code 2026-11-26T10:00:00 host ...}) stays a delimited message.
 *
 * <p>Bounded: nothing is ever buffered beyond {@code maxFrameBytes} plus an octet-count header.
 * A longer delimited message is cut at the limit and passed on marked truncated; the rest up to
 * the delimiter is skipped unbuffered. An octet count above the limit but at most
 * {@link #MAX_OCTET_COUNT} is a real, long message: its head is passed on truncated and the rest
 * skipped unbuffered, so the stream stays in step. A larger count (99999999999, or an epoch
 * timestamp at the start of a message without PRI) cannot be a message length worth trusting:
 * the decoder fires an {@link OctetCountRejected} user event to be counted and reads the frame as a
 * delimited message instead, as rsyslog does, so nothing is buffered for the count and the
 * connection goes on.
 *
 * <p>A trailing LF (or CRLF) inside a counted frame is dropped, as rsyslog does on receipt: its
 * own forwarding template puts one there.
 *
 * <p>On disconnect a final delimited message without its delimiter is still delivered (senders
 * often omit the last newline); an incomplete octet-counted frame is delivered marked truncated.
 *
 * <p>The frames of one read are copied into one array sized to what the read brought (up to
 * {@value #CHUNK_BYTES} bytes), not into an array each: at hundreds of thousands of messages a
 * second the allocation per message was most of the event loop's profile. An array is never
 * written again once a frame is in it, and the decoder lets go of it when the read completes,
 * so a quiet connection pins nothing.
 */
public final class SyslogFrameDecoder extends ByteToMessageDecoder {

    /**
     * The largest octet count taken as a message length (16 MiB): far above any syslog sender's
     * message limit, far below a 10-digit epoch timestamp.
     */
    public static final long MAX_OCTET_COUNT = 16L * 1024 * 1024;
    /** Digits of {@link #MAX_OCTET_COUNT}; a longer digit run before the space cannot be a count. */
    private static final int MAX_COUNT_DIGITS = 8;
    /** A digit run this long without a space is just a number starting a delimited message. */
    private static final int MAX_DIGIT_RUN = 20;

    /** The most bytes of frames one shared array holds; a larger frame gets an array of its own. */
    static final int CHUNK_BYTES = 32 * 1024;

    private enum State { FRAME_START, OCTETS, DELIMITED, SKIP_TO_DELIMITER, SKIP_OCTETS }

    private final int maxFrameBytes;
    private State state = State.FRAME_START;
    /** OCTETS: bytes of the frame body still to come; SKIP_OCTETS: bytes still to skip. */
    private long remaining;
    /** OCTETS: true when the body is longer than the limit and only its head will be passed on. */
    private boolean octetsTruncated;
    /** DELIMITED: bytes already scanned for a delimiter, so a slow sender is not rescanned per byte. */
    private int scanned;
    private long discardedBytes;
    private long rejectedCounts;
    /** The array the frames of the current read are copied into, or null; bytes used of it. */
    private byte[] chunk;
    private int chunkUsed;

    public SyslogFrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Bytes thrown away after cuts on this connection so far. */
    public long discardedBytes() {
        return discardedBytes;
    }

    /** Octet counts on this connection too large to be taken as message lengths. */
    public long rejectedCounts() {
        return rejectedCounts;
    }

    /** Bytes held back waiting for the rest of a frame; what the memory bound is about. */
    int bufferedBytes() {
        ByteBuf b = internalBuffer();
        return b == null ? 0 : b.readableBytes();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            boolean progressed = switch (state) {
                case FRAME_START -> frameStart(ctx, in);
                case OCTETS -> octets(in, out);
                case DELIMITED -> delimited(in, out);
                case SKIP_TO_DELIMITER -> skipToDelimiter(in);
                case SKIP_OCTETS -> skipOctets(in);
            };
            if (!progressed) {
                return;
            }
        }
    }

    /** Decides the framing of the next frame; false when more bytes are needed to decide. */
    private boolean frameStart(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        byte first = in.getByte(start);
        if (first < '1' || first > '9') {
            state = State.DELIMITED;
            scanned = 0;
            return true;
        }
        int end = in.writerIndex();
        long count = 0;
        int i = start;
        while (i < end) {
            byte b = in.getByte(i);
            if (b == ' ') {
                break;
            }
            if (b < '0' || b > '9' || i - start == MAX_DIGIT_RUN) {
                state = State.DELIMITED; // digits, then not a space: a message, not a count
                scanned = 0;
                return true;
            }
            if (i - start <= MAX_COUNT_DIGITS) { // beyond that the value no longer matters (nor fits)
                count = count * 10 + (b - '0');
            }
            i++;
        }
        if (i == end) {
            return false; // the count (or the message) goes on in the next read: at most MAX_DIGIT_RUN bytes
        }
        if (i - start > MAX_COUNT_DIGITS || count > MAX_OCTET_COUNT) {
            return rejectCount(ctx, in, start); // digits and a space, but no length we would trust
        }
        in.readerIndex(i + 1); // past the space
        remaining = count;
        octetsTruncated = count > maxFrameBytes;
        state = State.OCTETS;
        return true;
    }

    /**
     * Reports the count and reads this frame, digits included, as a delimited message. The report
     * is a user event, not a decoded message: it consumes no bytes, which a decoder's output must.
     */
    private boolean rejectCount(ChannelHandlerContext ctx, ByteBuf in, int start) {
        int space = in.indexOf(start, in.writerIndex(), (byte) ' ');
        int shown = Math.min(space - start, MAX_DIGIT_RUN);
        rejectedCounts++;
        ctx.fireUserEventTriggered(new OctetCountRejected(in.toString(start, shown, StandardCharsets.US_ASCII)));
        state = State.DELIMITED;
        scanned = 0;
        return true;
    }

    private boolean octets(ByteBuf in, List<Object> out) {
        int want = (int) Math.min(remaining, maxFrameBytes);
        if (in.readableBytes() < want) {
            return false;
        }
        int length = want;
        if (!octetsTruncated) {
            // rsyslog's SyslogProtocol23 template ends the counted frame with LF; drop it as rsyslog does on receipt.
            if (length > 0 && in.getByte(in.readerIndex() + length - 1) == '\n') {
                length--;
            }
            if (length > 0 && in.getByte(in.readerIndex() + length - 1) == '\r') {
                length--;
            }
        }
        if (length > 0) {
            out.add(frame(in, in.readerIndex(), length, octetsTruncated));
        }
        in.skipBytes(want);
        remaining -= want;
        if (remaining > 0) {
            discardedBytes += remaining;
            state = State.SKIP_OCTETS;
        } else {
            state = State.FRAME_START;
        }
        return true;
    }

    private boolean skipOctets(ByteBuf in) {
        int skip = (int) Math.min(remaining, in.readableBytes());
        in.skipBytes(skip);
        remaining -= skip;
        if (remaining == 0) {
            state = State.FRAME_START;
        }
        return true;
    }

    private boolean delimited(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int available = in.readableBytes();
        int delimiter = delimiter(in, start + scanned, in.writerIndex());
        if (delimiter < 0) {
            if (available > maxFrameBytes) {
                out.add(frame(in, start, maxFrameBytes, true));
                in.skipBytes(maxFrameBytes);
                state = State.SKIP_TO_DELIMITER;
                scanned = 0;
                return true;
            }
            scanned = available;
            return false;
        }
        scanned = 0;
        state = State.FRAME_START;
        int length = delimiter - start;
        if (length > 0 && in.getByte(delimiter - 1) == '\r') {
            length--;
        }
        if (length > 0) { // blank lines (and the LF some senders put after a counted frame) carry nothing
            boolean truncated = length > maxFrameBytes;
            out.add(frame(in, start, Math.min(length, maxFrameBytes), truncated));
            if (truncated) {
                discardedBytes += length - maxFrameBytes;
            }
        }
        in.readerIndex(delimiter + 1);
        return true;
    }

    private boolean skipToDelimiter(ByteBuf in) {
        int start = in.readerIndex();
        int delimiter = delimiter(in, start, in.writerIndex());
        if (delimiter < 0) {
            discardedBytes += in.readableBytes();
            in.skipBytes(in.readableBytes());
            return false;
        }
        discardedBytes += delimiter - start;
        in.readerIndex(delimiter + 1);
        state = State.FRAME_START;
        return true;
    }

    /**
     * Index of the first LF or NUL in {@code [from, to)}, or -1. Two word-at-a-time searches
     * ({@link ByteBuf#indexOf}), the second only up to the LF, beat one byte-at-a-time pass.
     */
    private static int delimiter(ByteBuf in, int from, int to) {
        int lf = in.indexOf(from, to, (byte) '\n');
        int nul = in.indexOf(from, lf < 0 ? to : lf, (byte) 0);
        return nul >= 0 ? nul : lf;
    }

    /** Copies {@code in[index .. index + length)} into the read's shared array (see the class comment). */
    private Frame frame(ByteBuf in, int index, int length, boolean truncated) {
        if (length > CHUNK_BYTES / 4) {
            return new Frame(ByteBufUtil.getBytes(in, index, length), 0, length, truncated);
        }
        if (chunk == null || chunk.length - chunkUsed < length) {
            // Sized to what this read still holds: a read of one message gets an array of one message.
            int rest = in.writerIndex() - index;
            chunk = new byte[Math.max(length, Math.min(CHUNK_BYTES, rest))];
            chunkUsed = 0;
        }
        in.getBytes(index, chunk, chunkUsed, length);
        Frame frame = new Frame(chunk, chunkUsed, length, truncated);
        chunkUsed += length;
        return frame;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        chunk = null; // its frames keep it alive while they are needed; a quiet connection pins nothing
        super.channelReadComplete(ctx);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (in.isReadable()) {
            int length = in.readableBytes();
            if ((state == State.DELIMITED || state == State.FRAME_START)
                    && in.getByte(in.writerIndex() - 1) == '\r') {
                length--;
            }
            if (state == State.DELIMITED || state == State.FRAME_START) {
                if (length > 0) {
                    out.add(frame(in, in.readerIndex(), length, false));
                }
            } else if (state == State.OCTETS) {
                // The sender promised more than it sent before going away: keep what came, flagged.
                out.add(frame(in, in.readerIndex(), length, true));
            }
        }
        in.skipBytes(in.readableBytes());
        state = State.FRAME_START;
    }
}
