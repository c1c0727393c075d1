package org.socd.collector.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
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
 * the delimiter is skipped unbuffered. An octet count above the limit (but at most
 * {@link #MAX_OCTET_COUNT}) yields the head as a truncated frame and skips the rest unbuffered,
 * so the stream stays in step. A count that no sender can mean (more than ten digits, or above
 * {@link #MAX_OCTET_COUNT}) cannot be skipped sensibly: the decoder passes on a
 * {@link FramingError} and ignores everything after it; the receiver closes the connection.
 *
 * <p>A trailing LF (or CRLF) inside a counted frame is dropped, as rsyslog does on receipt: its
 * own forwarding template puts one there.
 *
 * <p>On disconnect a final delimited message without its delimiter is still delivered (senders
 * often omit the last newline); an incomplete octet-counted frame is delivered marked truncated.
 */
public final class SyslogFrameDecoder extends ByteToMessageDecoder {

    /** The largest octet count skipped over rather than refused. */
    public static final long MAX_OCTET_COUNT = Integer.MAX_VALUE;
    /** Digits of {@link #MAX_OCTET_COUNT}; a longer digit run before the space is refused outright. */
    private static final int MAX_COUNT_DIGITS = 10;

    private static final ByteProcessor FIND_DELIMITER = b -> b != '\n' && b != 0;

    private enum State { FRAME_START, OCTETS, DELIMITED, SKIP_TO_DELIMITER, SKIP_OCTETS, FAILED }

    private final int maxFrameBytes;
    private State state = State.FRAME_START;
    /** OCTETS: bytes of the frame body still to come; SKIP_OCTETS: bytes still to skip. */
    private long remaining;
    /** OCTETS: true when the body is longer than the limit and only its head will be passed on. */
    private boolean octetsTruncated;
    /** DELIMITED: bytes already scanned for a delimiter, so a slow sender is not rescanned per byte. */
    private int scanned;
    private long discardedBytes;

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

    /** Bytes held back waiting for the rest of a frame; what the memory bound is about. */
    int bufferedBytes() {
        ByteBuf b = internalBuffer();
        return b == null ? 0 : b.readableBytes();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            boolean progressed = switch (state) {
                case FRAME_START -> frameStart(in, out);
                case OCTETS -> octets(in, out);
                case DELIMITED -> delimited(in, out);
                case SKIP_TO_DELIMITER -> skipToDelimiter(in);
                case SKIP_OCTETS -> skipOctets(in);
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    yield false;
                }
            };
            if (!progressed) {
                return;
            }
        }
    }

    /** Decides the framing of the next frame; false when more bytes are needed to decide. */
    private boolean frameStart(ByteBuf in, List<Object> out) {
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
        while (i < end && i - start <= MAX_COUNT_DIGITS) {
            byte b = in.getByte(i);
            if (b == ' ') {
                break;
            }
            if (b < '0' || b > '9') {
                state = State.DELIMITED; // digits, then not a space: a message, not a count
                scanned = 0;
                return true;
            }
            count = count * 10 + (b - '0');
            i++;
        }
        int digits = i - start;
        if (i == end && digits <= MAX_COUNT_DIGITS) {
            return false; // the count (or the message) goes on in the next read
        }
        if (digits > MAX_COUNT_DIGITS || count > MAX_OCTET_COUNT) {
            String seen = in.toString(start, Math.min(digits, 20), java.nio.charset.StandardCharsets.US_ASCII);
            out.add(new FramingError("octet_count", "octet count " + seen + (digits > 20 ? "..." : "")
                    + " is larger than any message (limit " + MAX_OCTET_COUNT + ")"));
            state = State.FAILED;
            in.skipBytes(in.readableBytes());
            return false;
        }
        in.readerIndex(i + 1); // past the space
        remaining = count;
        octetsTruncated = count > maxFrameBytes;
        state = State.OCTETS;
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
            out.add(new Frame(in.retainedSlice(in.readerIndex(), length), octetsTruncated));
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
        int delimiter = in.forEachByte(start + scanned, available - scanned, FIND_DELIMITER);
        if (delimiter < 0) {
            if (available > maxFrameBytes) {
                out.add(new Frame(in.readRetainedSlice(maxFrameBytes), true));
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
            out.add(new Frame(in.retainedSlice(start, Math.min(length, maxFrameBytes)), truncated));
            if (truncated) {
                discardedBytes += length - maxFrameBytes;
            }
        }
        in.readerIndex(delimiter + 1);
        return true;
    }

    private boolean skipToDelimiter(ByteBuf in) {
        int start = in.readerIndex();
        int delimiter = in.forEachByte(FIND_DELIMITER);
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
                    out.add(new Frame(in.readRetainedSlice(length), false));
                }
            } else if (state == State.OCTETS) {
                // The sender promised more than it sent before going away: keep what came, flagged.
                out.add(new Frame(in.readRetainedSlice(length), true));
            }
        }
        in.skipBytes(in.readableBytes());
        state = State.FRAME_START;
    }
}
