package org.socd.protocol.syslog;

/**
 * An instant as read from a syslog header, already normalized to UTC.
 *
 * @param epochSecond seconds since 1970-01-01T00:00:00Z
 * @param nano        nanoseconds within the second, 0..999,999,999
 */
record SyslogTimestamp(long epochSecond, int nano) {
}
