package org.socd.protocol.syslog;

import java.nio.charset.StandardCharsets;

/**
 * Reads the header of a BSD syslog line (RFC 3164) after the PRI, as real senders write it rather
 * than as the RFC describes it: {@code [SEQ: ][TIMESTAMP ][HOSTNAME ][TAG[\[PID\]]: ]MSG}.
 *
 * <p>Every part may be missing. A relay's {@code Message forwarded from HOST:} names the host. A
 * body of {@code key=value} pairs with no header at all (FortiGate: {@code date=... time=...
 * devname=...}) gets its timestamp and host from those keys. A Cisco sequence number
 * ({@code 123: }) is skipped; the timestamp may be BSD style or RFC 3339; the hostname is only
 * taken when the token after the timestamp is not itself a tag ({@code sshd[1]:}, {@code snort:})
 * or a body ({@code CEF:0|...}, {@code key=value}), because many senders (Cisco, macOS,
 * {@code logger} to a local socket) omit it; the tag may contain {@code / ( ) . -} and any length,
 * and its PID part anything but a space ({@code monit[2340:0]}).
 */
final class Rfc3164HeaderParser {

    private static final byte[] FORWARDED = "Message forwarded from ".getBytes(StandardCharsets.US_ASCII);

    private final Rfc3164TimestampParser bsdTimestamps;
    private final Rfc3339TimestampParser isoTimestamps;
    private final KeyValueHeaderParser keyValueHeaders;

    Rfc3164HeaderParser(Rfc3164TimestampParser bsdTimestamps, Rfc3339TimestampParser isoTimestamps,
            KeyValueHeaderParser keyValueHeaders) {
        this.bsdTimestamps = bsdTimestamps;
        this.isoTimestamps = isoTimestamps;
        this.keyValueHeaders = keyValueHeaders;
    }

    void parse(LineCursor c, SyslogHeader h) {
        c.skipSpaces(); // "<13> Mar 12 ...": some senders put a space after the PRI
        int tsStart = c.pos;
        int afterSequence = afterSequenceNumber(c);
        if (afterSequence >= 0) {
            c.pos = afterSequence;
            timestampWithOrigin(c, h);
            // Only a timestamp or a Cisco mnemonic proves "123: " was a sequence number, not text.
            if (h.timestamp != null || c.peek() == '%') {
                tsStart = afterSequence;
            } else {
                c.pos = tsStart;
            }
        } else {
            timestampWithOrigin(c, h);
        }
        if (h.timestamp == null && keyValueHeaders.parse(c, h)) {
            h.messageStart = c.pos; // a headerless key=value body (FortiGate) is all message
            return;
        }
        if (h.timestamp == null) {
            c.problem(c.pos >= c.end ? "no timestamp" : "unparseable timestamp '" + c.excerpt(tsStart) + "'");
        } else if (h.hostname == null) {
            c.skipSpaces();
            if (!relayPrefix(c, h)) {
                h.hostname = hostname(c);
            }
        }
        c.skipSpaces();
        relayPrefix(c, h);
        tag(c, h);
        h.messageStart = c.pos;
    }

    /**
     * Reads a relay's {@code Message forwarded from HOST: } (HP-UX and Solaris syslogd) at the
     * cursor: HOST is where the message came from, so it becomes the hostname, replacing the
     * relay's own name read before it.
     */
    private static boolean relayPrefix(LineCursor c, SyslogHeader h) {
        if (c.end - c.pos < FORWARDED.length || c.buf[c.pos] != 'M') {
            return false;
        }
        for (int i = 0; i < FORWARDED.length; i++) {
            if (c.buf[c.pos + i] != FORWARDED[i]) {
                return false;
            }
        }
        int from = c.pos + FORWARDED.length;
        int to = c.spaceOrEnd(from);
        if (to - 1 <= from || c.buf[to - 1] != ':') {
            return false;
        }
        h.hostname = c.text(from, to - 1);
        c.pos = to;
        c.skipSpaces();
        return true;
    }

    /**
     * Reads the timestamp, or Cisco's {@code logging origin-id} host before it
     * ({@code router1: *Mar  1 18:46:11 UTC: ...}) and then the timestamp. The host is only taken
     * when a timestamp really follows it; otherwise the cursor is back where it was.
     */
    private void timestampWithOrigin(LineCursor c, SyslogHeader h) {
        h.timestamp = timestamp(c);
        if (h.timestamp != null) {
            return;
        }
        int from = c.pos;
        int colon = c.spaceOrEnd(from) - 1;
        if (colon <= from || c.buf[colon] != ':' || c.at(colon + 1) != ' ') {
            return;
        }
        c.pos = colon + 2;
        h.timestamp = timestamp(c);
        if (h.timestamp == null) {
            c.pos = from;
        } else {
            h.hostname = c.text(from, colon);
        }
    }

    private SyslogTimestamp timestamp(LineCursor c) {
        return Rfc3339TimestampParser.looksLikeRfc3339(c, c.pos) ? isoTimestamps.parse(c) : bsdTimestamps.parse(c);
    }

    /** Where the text after Cisco IOS's {@code service sequence-numbers} prefix ({@code 000123: }) starts, or -1. */
    private static int afterSequenceNumber(LineCursor c) {
        int p = c.pos;
        int b;
        while ((b = c.at(p)) >= '0' && b <= '9') {
            p++;
        }
        if (p == c.pos || c.at(p) != ':' || c.at(p + 1) != ' ') {
            return -1;
        }
        p += 2;
        while (c.at(p) == ' ') {
            p++;
        }
        return p;
    }

    /** The token at the cursor if it is a hostname rather than the tag or the message; moves past it. */
    private static String hostname(LineCursor c) {
        int from = c.pos;
        int to = c.spaceOrEnd(from);
        if (to == from || to == c.end) {
            return null; // a lone last word is message text, not a host with an empty message
        }
        int last = c.buf[to - 1];
        if (last == ':' || last == ']') {
            return null; // "sshd[12]:", "snort:", "%SYS-5-CONFIG_I:" -- a tag right after the timestamp
        }
        for (int i = from; i < to; i++) {
            if (c.buf[i] == '|' || c.buf[i] == '=') {
                return null; // "CEF:0|Vendor|...", "key=value": the body right after the timestamp
            }
        }
        c.pos = to;
        return c.name(from, to);
    }

    /** Reads {@code TAG[PID]:} or {@code TAG:} at the cursor into the header; leaves the cursor if absent. */
    private static void tag(LineCursor c, SyslogHeader h) {
        int from = c.pos;
        int i = from;
        int b;
        while ((b = c.at(i)) != -1 && b != ' ' && b != '[' && b != ':') {
            i++;
        }
        if (i == from || allDigits(c, from, i)) {
            return; // "42: the answer" is text; no program is called 42
        }
        int after;
        String procid = null;
        if (b == '[') {
            int close = i + 1;
            while ((b = c.at(close)) != -1 && b != ']' && b != ' ') {
                close++;
            }
            if (b != ']') {
                return;
            }
            procid = c.text(i + 1, close);
            after = close + 1;
            if (c.at(after) == ':') {
                after++;
            }
        } else if (b == ':') {
            after = i + 1;
        } else {
            return; // no ':' or '[': the first word is message text
        }
        int next = c.at(after);
        if (next != ' ' && next != -1) {
            return; // "http://...", "12:00": a colon inside text is not a tag terminator
        }
        h.appname = c.name(from, i);
        h.procid = procid;
        c.pos = after;
    }

    private static boolean allDigits(LineCursor c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (c.buf[i] < '0' || c.buf[i] > '9') {
                return false;
            }
        }
        return true;
    }
}
