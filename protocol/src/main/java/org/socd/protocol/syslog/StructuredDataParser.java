package org.socd.protocol.syslog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads the STRUCTURED-DATA of RFC 5424 section 6.3:
 * {@code [exampleSDID@32473 iut="3" eventSource="Application"][origin ip="10.0.0.1"]}.
 *
 * <p>Inside a PARAM-VALUE the escapes {@code \"}, {@code \\} and {@code \]} stand for the second
 * character; a backslash before anything else is kept, as section 6.3.3 requires. Repeated SD-IDs
 * (forbidden, but sent) are merged rather than dropped. An unquoted value ({@code [x a=1]}) is kept
 * up to the next space or ']' and reported in {@code parse_error}. When an element is malformed, the elements
 * before it are kept and the cursor is left at its '[' so the unread text ends up in the message
 * instead of being lost.
 *
 * <p>Parsing checks the elements and reports what is wrong, but builds no Strings or maps: the
 * well-formed elements are kept as a copy of their bytes in a {@link StructuredData}, which runs
 * the same reader again, building this time, only when someone reads the structured data. Most
 * events are never asked for it, and building it was most of what an RFC 5424 parse cost beyond
 * an RFC 3164 one.
 */
final class StructuredDataParser {

    private StructuredDataParser() {
    }

    /**
     * Checks the SD-ELEMENTs at the cursor (which must be at '['), moving past those that are
     * well formed, and records a problem naming the column when one is malformed. Returns the
     * well-formed ones, or null when the first is already malformed.
     */
    static StructuredData parse(LineCursor c) {
        int from = c.pos;
        while (c.peek() == '[') {
            int elementStart = c.pos;
            String error = element(c, null);
            if (error != null) {
                c.problem("malformed STRUCTURED-DATA at column " + c.column(c.pos) + ": " + error);
                c.pos = elementStart;
                break;
            }
        }
        return c.pos == from ? null : new StructuredData(Arrays.copyOfRange(c.buf, from, c.pos), c.names());
    }

    /**
     * Builds the maps of well-formed SD-ELEMENTs checked by {@link #parse}: by SD-ID, each a map of
     * PARAM-NAME to value. Problems were reported when the line was parsed; here they are not
     * reported again.
     */
    static Map<String, Map<String, String>> build(byte[] elements, AsciiNameCache names) {
        LineCursor c = new LineCursor(elements, 0, elements.length, names);
        SmallMap<Map<String, String>> into = new SmallMap<>(4);
        while (c.peek() == '[' && element(c, into) == null) {
            // each round reads one element into the map
        }
        return into;
    }

    /**
     * Reads one element, into {@code into} unless it is null (then only checks it); returns null,
     * or what was wrong with the cursor at the spot.
     */
    private static String element(LineCursor c, SmallMap<Map<String, String>> into) {
        int p = c.pos + 1;
        int idEnd = nameEnd(c, p);
        if (idEnd == p) {
            c.pos = p;
            return "expected an SD-ID after '['";
        }
        int idFrom = p;
        SmallMap<String> params = into == null ? null : new SmallMap<>(4);
        p = idEnd;
        while (true) {
            int b = c.at(p);
            if (b == ']') {
                c.pos = p + 1;
                if (into != null) {
                    String id = c.name(idFrom, idEnd);
                    Map<String, String> earlier = into.get(id);
                    if (earlier == null) {
                        into.put(id, params);
                    } else {
                        earlier.putAll(params); // a repeated SD-ID: merged, not dropped
                    }
                }
                return null;
            }
            if (b != ' ') {
                c.pos = p;
                String id = c.text(idFrom, idEnd);
                return b == -1 ? "unterminated SD-ELEMENT '" + id + "'" : "expected ' ' or ']' in SD-ELEMENT '" + id + "'";
            }
            while (c.at(p) == ' ') {
                p++; // one space by the RFC; several from sloppy senders mean the same
            }
            if (c.at(p) == ']') {
                continue;
            }
            int nameEnd = nameEnd(c, p);
            if (nameEnd == p || c.at(nameEnd) != '=') {
                c.pos = nameEnd;
                return "expected PARAM-NAME=\"value\" in SD-ELEMENT '" + c.text(idFrom, idEnd) + "'";
            }
            int nameFrom = p;
            if (c.at(nameEnd + 1) != '"') {
                // Unquoted value (sloppy senders): kept up to the next space or ']', and flagged.
                int valueStart = nameEnd + 1;
                int valueEnd = valueStart;
                int b2;
                while ((b2 = c.at(valueEnd)) != -1 && b2 != ' ' && b2 != ']' && b2 != '"') {
                    valueEnd++;
                }
                if (b2 == '"' || b2 == -1) {
                    c.pos = valueEnd;
                    return "expected PARAM-NAME=\"value\" in SD-ELEMENT '" + c.text(idFrom, idEnd) + "'";
                }
                if (params != null) {
                    params.put(c.name(nameFrom, nameEnd), new String(c.buf, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8));
                } else {
                    c.problem("unquoted value of '" + c.text(nameFrom, nameEnd) + "' in SD-ELEMENT '" + c.text(idFrom, idEnd)
                            + "' at column " + c.column(valueStart) + ": kept as is");
                }
                p = valueEnd;
                continue;
            }
            p = nameEnd + 2;
            int valueEnd = valueEnd(c, p);
            if (valueEnd < 0) {
                c.pos = c.end;
                return "unterminated value of '" + c.text(nameFrom, nameEnd) + "' in SD-ELEMENT '" + c.text(idFrom, idEnd) + "'";
            }
            if (params != null) {
                params.put(c.name(nameFrom, nameEnd), unescape(c.buf, p, valueEnd));
            }
            p = valueEnd + 1;
        }
    }

    /** End of an SD-NAME: printable US-ASCII except '=', ' ', ']' and '"' (RFC 5424 SD-NAME). */
    private static int nameEnd(LineCursor c, int from) {
        int i = from;
        int b;
        while ((b = c.at(i)) > ' ' && b < 127 && b != '=' && b != ']' && b != '"') {
            i++;
        }
        return i;
    }

    /** Index of the closing unescaped '"', or -1 when the line ends first. */
    private static int valueEnd(LineCursor c, int from) {
        for (int i = from; i < c.end; i++) {
            byte b = c.buf[i];
            if (b == '\\') {
                i++;
            } else if (b == '"') {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(byte[] buf, int from, int to) {
        int firstEscape = -1;
        for (int i = from; i < to; i++) {
            if (buf[i] == '\\') {
                firstEscape = i;
                break;
            }
        }
        if (firstEscape < 0) {
            return new String(buf, from, to - from, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[to - from];
        int n = firstEscape - from;
        System.arraycopy(buf, from, out, 0, n);
        for (int i = firstEscape; i < to; i++) {
            byte b = buf[i];
            if (b == '\\' && i + 1 < to) {
                byte next = buf[i + 1];
                if (next == '"' || next == '\\' || next == ']') {
                    out[n++] = next;
                    i++;
                    continue;
                }
            }
            out[n++] = b;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
