package org.socd.collector.syslog;

/**
 * A user event {@link SyslogFrameDecoder} fires when a frame starts like an RFC 6587 octet count but the
 * count is larger than any message socd would take whole ({@link SyslogFrameDecoder#MAX_OCTET_COUNT}),
 * e.g. 99999999999 from a broken sender, or a 10-digit epoch timestamp at the start of a
 * delimited message without PRI. Nothing is buffered for it: the frame is read as a delimited
 * message instead, as rsyslog does, so the connection goes on.
 *
 * @param count the digits seen (at most 20 of them)
 */
public record OctetCountRejected(String count) {
}
