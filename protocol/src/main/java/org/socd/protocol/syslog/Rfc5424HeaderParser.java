package org.socd.protocol.syslog;

/**
 * Reads the RFC 5424 header after the PRI:
 * {@code VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]},
 * where every field but VERSION may be the NILVALUE {@code -}.
 *
 * <p>A line is taken as RFC 5424 only when a VERSION is followed by an RFC 3339 timestamp or
 * {@code -}: that shape does not occur in RFC 3164, and anything else (a Cisco sequence number
 * {@code 123:}, a message that starts with a number) is left to the 3164 parser untouched.
 */
final class Rfc5424HeaderParser {

    /** What {@link #parse} decided about the line. */
    enum Outcome {
        /** Read as RFC 5424; the header is filled. */
        PARSED,
        /** Not RFC 5424 at all; the cursor has not moved. */
        NOT_5424,
        /** RFC 5424 shape with a VERSION other than 1; the cursor is past the VERSION. */
        UNSUPPORTED_VERSION
    }

    private final Rfc3339TimestampParser timestamps;

    Rfc5424HeaderParser(Rfc3339TimestampParser timestamps) {
        this.timestamps = timestamps;
    }

    Outcome parse(LineCursor c, SyslogHeader h) {
        int p = c.pos;
        int version = 0;
        int b;
        while ((b = c.at(p)) >= '0' && b <= '9' && p - c.pos < 3) {
            version = version * 10 + (b - '0');
            p++;
        }
        if (p == c.pos || c.at(p) != ' ' || c.at(c.pos) == '0') {
            return Outcome.NOT_5424;
        }
        int tsStart = p + 1;
        boolean nilTimestamp = c.at(tsStart) == '-' && (c.at(tsStart + 1) == ' ' || c.at(tsStart + 1) == -1);
        if (!nilTimestamp && !Rfc3339TimestampParser.looksLikeRfc3339(c, tsStart)) {
            return Outcome.NOT_5424;
        }
        if (version != 1) {
            c.problem("unsupported syslog VERSION " + version + ": parsed as RFC 3164");
            c.pos = tsStart;
            return Outcome.UNSUPPORTED_VERSION;
        }
        c.pos = tsStart;
        if (nilTimestamp) {
            c.pos++;
        } else {
            h.timestamp = timestamps.parse(c);
            if (h.timestamp == null) {
                int tokenEnd = c.spaceOrEnd(c.pos);
                c.problem("unparseable timestamp '" + c.text(c.pos, tokenEnd) + "'");
                c.pos = tokenEnd;
            }
        }
        h.messageStart = c.end; // until the header is complete, a truncated line has no MSG
        if (!nextField(c, "HOSTNAME")) {
            return Outcome.PARSED;
        }
        h.hostname = field(c, true);
        if (!nextField(c, "APP-NAME")) {
            return Outcome.PARSED;
        }
        h.appname = field(c, true);
        if (!nextField(c, "PROCID")) {
            return Outcome.PARSED;
        }
        h.procid = field(c, false);
        if (!nextField(c, "MSGID")) {
            return Outcome.PARSED;
        }
        h.msgid = field(c, true);
        if (!nextField(c, "STRUCTURED-DATA")) {
            return Outcome.PARSED;
        }
        structuredDataAndMessage(c, h);
        return Outcome.PARSED;
    }

    /** Moves past the SP before a field; false (and a recorded problem) when the line ends instead. */
    private static boolean nextField(LineCursor c, String name) {
        if (c.peek() == ' ' && c.pos + 1 < c.end) {
            c.pos++;
            return true;
        }
        c.problem("truncated RFC 5424 header: no " + name + " at column " + c.column(c.pos));
        return false;
    }

    /** Reads one space-delimited header field; null for the NILVALUE. Names repeat: see {@link LineCursor#name}. */
    private static String field(LineCursor c, boolean repeats) {
        int from = c.pos;
        int to = c.spaceOrEnd(from);
        c.pos = to;
        if (to - from == 1 && c.buf[from] == '-') {
            return null;
        }
        return repeats ? c.name(from, to) : c.text(from, to);
    }

    private static void structuredDataAndMessage(LineCursor c, SyslogHeader h) {
        int sd = c.peek();
        if (sd == '-') {
            c.pos++;
        } else if (sd == '[') {
            h.structuredData = StructuredDataParser.parse(c);
            if (c.peek() == '[') {
                h.messageStart = c.pos; // malformed element: keep its text as message (problem recorded)
                return;
            }
        } else {
            c.problem("expected STRUCTURED-DATA '-' or '[' at column " + c.column(c.pos));
            h.messageStart = c.pos;
            return;
        }
        if (c.pos < c.end && c.peek() != ' ') {
            c.problem("expected ' ' after STRUCTURED-DATA at column " + c.column(c.pos));
        }
        h.messageStart = c.pos;
    }
}
