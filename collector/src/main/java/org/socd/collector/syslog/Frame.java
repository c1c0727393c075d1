package org.socd.collector.syslog;

import java.util.Arrays;
import java.util.Objects;

/**
 * One syslog message cut out of a TCP or TLS stream by {@link SyslogFrameDecoder}:
 * {@code buffer[offset .. offset + length)}.
 *
 * <p>The bytes are copied out of the connection's buffer into a heap array: the journal copies
 * them once more anyway, and a copy of a few hundred bytes is cheaper than the reference
 * counting, slice object and leak tracking of a retained slice of the buffer. The frames of one
 * read share one array (see {@link SyslogFrameDecoder}), which is never written again once a
 * frame is in it, so a frame stays valid for as long as anyone holds it.
 *
 * @param buffer    the array holding the message (possibly shared with other frames of the same read)
 * @param offset    where the message starts in it
 * @param length    the message's length in bytes
 * @param truncated true when the sender's message was longer than the limit and only its head is here
 */
public record Frame(byte[] buffer, int offset, int length, boolean truncated) {

    public Frame {
        Objects.checkFromIndexSize(offset, length, buffer.length);
    }

    /** A copy of the message bytes. */
    public byte[] content() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }
}
