package org.socd.collector.syslog;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;

/**
 * How one stream input (plain TCP or TLS) treats its connections.
 *
 * @param input               the input's name in events and metrics, e.g. {@code syslog-tcp}
 * @param maxMessageBytes     longest message kept; the rest is skipped and counted as truncated
 * @param idleTimeout         a connection that delivers no complete message for this long is closed
 * @param maxConnections      open connections this input allows in total
 * @param maxConnectionsPerIp open connections this input allows from one source address
 * @param tls                 the server TLS context, or null for plain TCP
 */
public record TcpInputSettings(String input, int maxMessageBytes, Duration idleTimeout, int maxConnections,
                               int maxConnectionsPerIp, SslContext tls) {
}
