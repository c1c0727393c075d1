package org.socd.collector.relp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits a RELP stream into {@link RelpFrame}s: {@code TXNR SP COMMAND SP DATALEN [SP DATA] LF}.
 *
 * <p>Bounded: the transaction number has at most 9 digits, the command at most 32 letters,
 * DATALEN at most {@code maxDataBytes}; anything else is a {@link RelpFramingException}, after
 * which the session cannot find the next frame and is closed. The reader index moves only
 * when a whole frame is there.
 */
final class RelpFrameDecoder extends ByteToMessageDecoder {

    /** A stream that is not RELP (or exceeds its limits); says what and where. */
    static final class RelpFramingException extends DecoderException {
        RelpFramingException(String message) {
            super(message);
        }
    }

    private static final int MAX_TXNR_DIGITS = 9;
    private static final int MAX_COMMAND = 32;
    private static final int MAX_DATALEN_DIGITS = 9;

    private final int maxDataBytes;
    /** After a framing error nothing more on this connection can be framed; it is being closed. */
    private boolean failed;

    RelpFrameDecoder(int maxDataBytes) {
        this.maxDataBytes = maxDataBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            if (failed) {
                in.skipBytes(in.readableBytes());
                return;
            }
            RelpFrame frame;
            try {
                frame = tryFrame(in);
            } catch (RelpFramingException e) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw e;
            }
            if (frame == null) {
                return;
            }
            out.add(frame);
        }
    }

    private RelpFrame tryFrame(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int i = start;
        // Senders may separate frames with extra LFs; they carry nothing.
        while (i < end && (in.getByte(i) == '\n' || in.getByte(i) == '\r')) {
            i++;
        }
        in.readerIndex(i);
        start = i;
        long txnr = 0;
        int digits = 0;
        for (; i < end && in.getByte(i) != ' '; i++) {
            byte b = in.getByte(i);
            if (b < '0' || b > '9' || ++digits > MAX_TXNR_DIGITS) {
                throw new RelpFramingException("bad transaction number (want 1-9 digits) at byte " + (i - start)
                        + " of a frame");
            }
            txnr = txnr * 10 + (b - '0');
        }
        if (i >= end) {
            return null;
        }
        if (digits == 0) {
            throw new RelpFramingException("frame starts without a transaction number");
        }
        i++;
        int commandStart = i;
        for (; i < end && in.getByte(i) != ' ' && in.getByte(i) != '\n'; i++) {
            byte b = in.getByte(i);
            if (!(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_') || i - commandStart >= MAX_COMMAND) {
                throw new RelpFramingException("bad command in transaction " + txnr + " (want up to "
                        + MAX_COMMAND + " letters)");
            }
        }
        if (i >= end) {
            return null;
        }
        if (in.getByte(i) != ' ' || i == commandStart) {
            throw new RelpFramingException("transaction " + txnr + " has no DATALEN after its command");
        }
        String command = in.toString(commandStart, i - commandStart, StandardCharsets.US_ASCII);
        i++;
        long dataLength = 0;
        digits = 0;
        for (; i < end && in.getByte(i) >= '0' && in.getByte(i) <= '9'; i++) {
            if (++digits > MAX_DATALEN_DIGITS) {
                throw new RelpFramingException("DATALEN of transaction " + txnr + " has too many digits");
            }
            dataLength = dataLength * 10 + (in.getByte(i) - '0');
        }
        if (i >= end) {
            return null;
        }
        if (digits == 0) {
            throw new RelpFramingException("transaction " + txnr + " (" + command + ") has no DATALEN");
        }
        if (dataLength > maxDataBytes) {
            throw new RelpFramingException("transaction " + txnr + " (" + command + ") carries " + dataLength
                    + " bytes, more than the limit of " + maxDataBytes);
        }
        byte sep = in.getByte(i);
        int dataStart;
        if (dataLength == 0) {
            // "N close 0\n"; tolerate "N close 0 \n" as well.
            if (sep == ' ') {
                i++;
                if (i >= end) {
                    return null;
                }
            }
            if (in.getByte(i) != '\n') {
                throw new RelpFramingException("transaction " + txnr + " (" + command + ") does not end with LF");
            }
            in.readerIndex(i + 1);
            return new RelpFrame(txnr, command, in.alloc().buffer(0));
        }
        if (sep != ' ') {
            throw new RelpFramingException("transaction " + txnr + " (" + command + ") lacks the space before its data");
        }
        dataStart = i + 1;
        long trailer = dataStart + dataLength;
        if (trailer >= end) {
            return null;
        }
        if (in.getByte((int) trailer) != '\n') {
            throw new RelpFramingException("transaction " + txnr + " (" + command + "): no LF after " + dataLength
                    + " bytes of data; DATALEN does not match the data");
        }
        ByteBuf data = in.retainedSlice(dataStart, (int) dataLength);
        in.readerIndex((int) trailer + 1);
        return new RelpFrame(txnr, command, data);
    }
}
