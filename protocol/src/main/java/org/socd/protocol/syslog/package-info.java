/**
 * Syslog parsing: {@link org.socd.protocol.syslog.SyslogParser} turns one framed RFC 5424 or
 * RFC 3164 message into an {@link org.socd.protocol.event.Event};
 * {@link org.socd.protocol.syslog.SyslogDecoding}, the entry point of the daemon and of
 * {@code soc logtest}, adds the fields of the decoders in {@code org.socd.protocol.decoders}.
 *
 * <p>Inside, one class per part of the line, all scanning the raw bytes through a
 * {@code LineCursor} (no regular expressions, no intermediate strings, because the decode stage
 * must keep up with a million lines per second per core): {@code Pri}, {@code Rfc5424HeaderParser},
 * {@code Rfc3164HeaderParser}, {@code StructuredDataParser}, {@code Rfc3339TimestampParser},
 * {@code Rfc3164TimestampParser} (which also infers the year of year-less timestamps) and
 * {@code KeyValueHeaderParser} (headerless FortiGate bodies); {@code AsciiNameCache} shares the
 * strings of names that repeat from line to line. The first
 * interpretation that fits wins, RFC 5424 before RFC 3164; what none understood is reported in
 * {@code parse_error}, never thrown.
 */
package org.socd.protocol.syslog;
