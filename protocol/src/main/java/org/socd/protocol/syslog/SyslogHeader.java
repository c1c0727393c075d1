package org.socd.protocol.syslog;

import java.util.Map;

/**
 * What the header parsers found in one line, filled field by field as they read it. Null means
 * absent (NILVALUE in RFC 5424, or simply not there in RFC 3164).
 *
 * <p>Mutable because the header parsers hand it on to each other (PRI, then 5424 or 3164); it
 * lives for one {@link SyslogParser#parse} call and never escapes it.
 */
final class SyslogHeader {
    Pri pri;
    SyslogTimestamp timestamp;
    String hostname;
    String appname;
    String procid;
    String msgid;
    Map<String, Map<String, String>> structuredData;
    /** Where MSG starts in the buffer; the message runs to the end of the line. */
    int messageStart;
}
