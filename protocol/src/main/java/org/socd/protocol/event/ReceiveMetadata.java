package org.socd.protocol.event;

/**
 * Where and when the collector received one raw record, before anything was parsed.
 *
 * @param input         the input that took it, e.g. {@code syslog-udp}, {@code syslog-tcp}
 * @param peerAddress   the sender's IP address as text, or null when unknown
 * @param peerPort      the sender's port, or 0 when unknown
 * @param receivedNanos receive time in nanoseconds since the epoch (wall clock, not monotonic),
 *                      nanoseconds so that records received in one millisecond keep distinct ids
 */
public record ReceiveMetadata(String input, String peerAddress, int peerPort, long receivedNanos) {
}
