package org.socd.collector.syslog;

/**
 * One syslog message cut out of a TCP or TLS stream by {@link SyslogFrameDecoder}.
 *
 * <p>The bytes are copied out of the connection's buffer into an array of their own: the journal
 * copies them once more anyway, and a copy of a few hundred bytes is cheaper than the reference
 * counting, slice object and leak tracking of a retained slice of the buffer, which was a
 * visible share of the event loop's time per message.
 *
 * @param content   the message bytes, exactly the message (the array is the frame's own)
 * @param truncated true when the sender's message was longer than the limit and only its head is here
 */
public record Frame(byte[] content, boolean truncated) {
}
