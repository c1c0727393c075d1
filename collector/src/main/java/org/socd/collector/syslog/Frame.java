package org.socd.collector.syslog;

import io.netty.buffer.ByteBuf;

/**
 * One syslog message cut out of a TCP or TLS stream by {@link SyslogFrameDecoder}.
 *
 * @param content   the message bytes; the receiver owns them and must release them
 * @param truncated true when the sender's message was longer than the limit and only its head is here
 */
public record Frame(ByteBuf content, boolean truncated) {
}
