package org.socd.protocol.syslog;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * Turns one framed syslog message, RFC 5424 or RFC 3164 in any of the dialects real senders
 * produce, into a normalized {@link Event}.
 *
 * <p>Parsing never fails: whatever the bytes, the result carries {@code raw}, {@code received},
 * {@code timestamp} (the receive time if the line has none), {@code facility}/{@code severity}
 * (user.notice if there is no PRI) and the text in {@code message}; what was not understood is
 * described in {@code parse_error}, with the column where it happened.
 *
 * <p>Immutable and thread-safe; one instance serves all decoder threads. The zone is used for
 * timestamps without an offset (BSD timestamps, offset-less RFC 3339), and the clock only to pick
 * the year of year-less BSD timestamps and as the receive time when there is no metadata.
 */
public final class SyslogParser {

    private static final int UTF8_BOM_0 = 0xEF;
    private static final int UTF8_BOM_1 = 0xBB;
    private static final int UTF8_BOM_2 = 0xBF;

    private final Clock clock;
    private final Rfc5424HeaderParser rfc5424;
    private final Rfc3164HeaderParser rfc3164;
    private final AsciiNameCache names = new AsciiNameCache();
    private final IsoInstantFormatter iso = new IsoInstantFormatter();

    public SyslogParser(ZoneId zoneForYearlessTimestamps, Clock clock) {
        Objects.requireNonNull(zoneForYearlessTimestamps, "zoneForYearlessTimestamps");
        this.clock = Objects.requireNonNull(clock, "clock");
        Rfc3339TimestampParser iso = new Rfc3339TimestampParser(zoneForYearlessTimestamps);
        this.rfc5424 = new Rfc5424HeaderParser(iso);
        this.rfc3164 = new Rfc3164HeaderParser(new Rfc3164TimestampParser(zoneForYearlessTimestamps, clock), iso,
                new KeyValueHeaderParser(zoneForYearlessTimestamps));
    }

    /** A parser for UTC senders with the system clock. */
    public static SyslogParser utc() {
        return new SyslogParser(ZoneOffset.UTC, Clock.systemUTC());
    }

    /**
     * Parses {@code data[offset, offset + length)}, one message without its framing; a trailing
     * CR, LF or NUL is ignored. Never throws, whatever the bytes: out-of-range slices are clamped,
     * a null array is an empty message, null metadata means "received now, from nowhere".
     */
    public Event parse(byte[] data, int offset, int length, ReceiveMetadata meta) {
        byte[] buf = data == null ? new byte[0] : data;
        int from = Math.max(0, Math.min(offset, buf.length));
        int to = length < 0 ? from : (int) Math.min((long) from + length, buf.length);
        boolean clamped = data != null && (from != offset || to - from != length);
        while (to > from && (buf[to - 1] == '\n' || buf[to - 1] == '\r' || buf[to - 1] == 0)) {
            to--;
        }
        long receivedNanos = meta != null ? meta.receivedNanos() : epochNanos(clock);
        try {
            return parseLine(new LineCursor(buf, from, to, names), receivedNanos, meta, clamped);
        } catch (RuntimeException bug) {
            // A parser bug must cost one event its fields, never the event itself or the pipeline.
            Event event = bare(buf, from, to, receivedNanos, meta);
            event.put(Event.PARSE_ERROR, "internal parser error " + bug + ": please report this line");
            return event;
        }
    }

    private Event parseLine(LineCursor c, long receivedNanos, ReceiveMetadata meta, boolean clamped) {
        if (clamped) {
            c.problem("offset/length outside the buffer: parsed the part inside it");
        }
        SyslogHeader h = new SyslogHeader();
        h.pri = Pri.parse(c);
        int afterPri = c.pos;
        boolean ietf = false;
        switch (rfc5424.parse(c, h)) {
            case PARSED:
                ietf = true;
                break;
            case UNSUPPORTED_VERSION:
                rfc3164.parse(c, h);
                break;
            default:
                c.pos = afterPri;
                rfc3164.parse(c, h);
        }
        String received = iso.formatEpochNanos(receivedNanos);
        Event event = new Event();
        event.put(Event.TIMESTAMP, h.timestamp != null ? iso.format(h.timestamp) : received);
        event.put(Event.RECEIVED, received);
        event.put(Event.FACILITY, h.pri.facility());
        event.put(Event.SEVERITY, h.pri.severity());
        String peer = meta != null ? meta.peerAddress() : null;
        event.put(Event.HOSTNAME, h.hostname != null ? h.hostname : peer);
        event.put(Event.APPNAME, h.appname);
        event.put(Event.PROCID, h.procid);
        event.put(Event.MSGID, h.msgid);
        event.put(Event.STRUCTURED_DATA, h.structuredData);
        int messageFrom = messageFrom(c, h.messageStart);
        int textFrom = textFrom(c, messageFrom, ietf);
        String text = c.text(textFrom, c.end);
        event.put(Event.MESSAGE, text);
        event.put(Event.SOURCE_IP, peer);
        event.put(Event.INPUT, meta != null ? meta.input() : null);
        event.put(Event.RAW, raw(c, messageFrom, textFrom, text));
        event.put(Event.PARSE_ERROR, c.problems());
        return event;
    }

    /** Index of MSG: past the spaces that senders disagree on (rsyslog's RFC 5424 template adds one). */
    private static int messageFrom(LineCursor c, int start) {
        int p = Math.max(start, c.start);
        while (p < c.end && c.buf[p] == ' ') {
            p++;
        }
        return p;
    }

    /** True if a UTF-8 BOM starts at {@code p}. */
    private static boolean bomAt(LineCursor c, int p) {
        return c.at(p) == UTF8_BOM_0 && c.at(p + 1) == UTF8_BOM_1 && c.at(p + 2) == UTF8_BOM_2;
    }

    /**
     * Index of the message text at MSG {@code p}: past a UTF-8 BOM and, in RFC 5424 messages, past
     * the three letters {@code BOM}, which senders built from the RFC's examples write literally
     * where the BOM belongs.
     */
    private static int textFrom(LineCursor c, int p, boolean ietf) {
        if (bomAt(c, p) || ietf && c.at(p) == 'B' && c.at(p + 1) == 'O' && c.at(p + 2) == 'M') {
            return p + 3;
        }
        return p;
    }

    /**
     * The whole line as text, decoding it only once. A line whose MSG starts with a real BOM must be
     * a UTF-16 string, which the JDK decodes on a slow path with two extra copies; when the header
     * before the BOM is ASCII (it nearly always is), the same string is the header's Latin-1 text,
     * U+FEFF and the message text already decoded. Both parts start at character boundaries, so
     * this is exactly what decoding the whole line gives.
     */
    private static String raw(LineCursor c, int messageFrom, int textFrom, String text) {
        if (textFrom - messageFrom == 3 && bomAt(c, messageFrom) && c.isAscii(c.start, messageFrom)) {
            String header = new String(c.buf, c.start, messageFrom - c.start, StandardCharsets.ISO_8859_1);
            return header + '\uFEFF' + (text == null ? "" : text);
        }
        return raw(c.buf, c.start, c.end);
    }

    private static String raw(byte[] buf, int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    private Event bare(byte[] buf, int from, int to, long receivedNanos, ReceiveMetadata meta) {
        String received = iso.formatEpochNanos(receivedNanos);
        String raw = raw(buf, from, to);
        Event event = new Event();
        event.put(Event.TIMESTAMP, received);
        event.put(Event.RECEIVED, received);
        event.put(Event.FACILITY, Pri.defaultPri().facility());
        event.put(Event.SEVERITY, Pri.defaultPri().severity());
        event.put(Event.HOSTNAME, meta != null ? meta.peerAddress() : null);
        event.put(Event.MESSAGE, raw.isEmpty() ? null : raw);
        event.put(Event.SOURCE_IP, meta != null ? meta.peerAddress() : null);
        event.put(Event.INPUT, meta != null ? meta.input() : null);
        event.put(Event.RAW, raw);
        return event;
    }

    private static long epochNanos(Clock clock) {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
