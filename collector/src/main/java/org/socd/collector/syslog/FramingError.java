package org.socd.collector.syslog;

/**
 * A stream the decoder cannot frame any further, e.g. an octet count of 99999999999: nothing
 * after it can be trusted to start a message, so the connection is to be closed.
 *
 * @param reason short metric label, e.g. {@code octet_count}
 * @param detail what was seen, for the log line
 */
public record FramingError(String reason, String detail) {
}
