package org.socd.protocol.syslog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A read position over one framed syslog line, plus the list of problems found so far.
 *
 * <p>The header parsers move {@link #pos} forward only when they accepted what they read, so a
 * parser that gives up leaves the cursor where another interpretation can start (the way Netty's
 * decoders leave the reader index alone until a whole frame is there).
 */
final class LineCursor {

    final byte[] buf;
    /** First byte of the line; column numbers in error messages count from here. */
    final int start;
    /** Exclusive end of the line (trailing CR/LF/NUL already removed). */
    final int end;
    int pos;
    private final AsciiNameCache names;
    private StringBuilder problems;

    static final int MAX_PROBLEMS_LENGTH = 1024;

    /** Eight bytes at a time for {@link #isAscii}; the byte order does not matter for a sign-bit test. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    LineCursor(byte[] buf, int start, int end, AsciiNameCache names) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.pos = start;
        this.names = names;
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** The byte at {@code index} as 0..255, or -1 past the end: callers never bounds-check. */
    int at(int index) {
        return index >= 0 && index < end ? buf[index] & 0xFF : -1;
    }

    int peek() {
        return at(pos);
    }

    /** The decimal number in exactly {@code n} digits at {@code at}, or -1 if any is not a digit. */
    int number(int at, int n) {
        if (at < 0 || at + n > end) {
            return -1;
        }
        int v = 0;
        for (int i = at; i < at + n; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Index of the first space at or after {@code from}, or {@link #end}. */
    int spaceOrEnd(int from) {
        int i = from;
        while (i < end && buf[i] != ' ') {
            i++;
        }
        return i;
    }

    void skipSpaces() {
        while (pos < end && buf[pos] == ' ') {
            pos++;
        }
    }

    /** 1-based column of {@code index}, for error messages users can locate in the raw line. */
    int column(int index) {
        return index - start + 1;
    }

    /** The bytes {@code [from, to)} as UTF-8 with replacement; null for an empty range. */
    String text(int from, int to) {
        return to > from ? new String(buf, from, to - from, StandardCharsets.UTF_8) : null;
    }

    /** True if the bytes {@code [from, to)} are all US-ASCII (below 0x80). */
    boolean isAscii(int from, int to) {
        int i = from;
        long high = 0;
        for (; i + 8 <= to; i += 8) {
            high |= (long) LONGS.get(buf, i);
        }
        for (; i < to; i++) {
            high |= buf[i];
        }
        return (high & HIGH_BITS) == 0;
    }

    /**
     * Like {@link #text} for tokens that repeat from line to line (SD-IDs, PARAM-NAMEs, app and
     * host names, MSGIDs): the String is shared with earlier lines when the bytes are the same.
     */
    String name(int from, int to) {
        return names.get(buf, from, to);
    }

    /** The cache behind {@link #name}, for values that read this line's bytes later. */
    AsciiNameCache names() {
        return names;
    }

    /** Up to three space-separated tokens from {@code from}, at most 32 bytes, for error messages. */
    String excerpt(int from) {
        int limit = Math.min(end, from + 32);
        int i = from;
        int spaces = 0;
        while (i < limit) {
            if (buf[i] == ' ' && ++spaces == 3) {
                break;
            }
            i++;
        }
        String s = text(from, i);
        return s == null ? "" : s;
    }

    /**
     * Records something that was not understood; the event is still produced. At most
     * {@value #MAX_PROBLEMS_LENGTH} characters are kept, so a line with thousands of small faults
     * (unquoted SD values, say) cannot make its event many times larger than itself.
     */
    void problem(String what) {
        if (problems == null) {
            problems = new StringBuilder(what.length() + 16);
        } else if (problems.length() >= MAX_PROBLEMS_LENGTH) {
            if (problems.charAt(problems.length() - 1) != '.') {
                problems.append("; more problems not listed.");
            }
            return;
        } else {
            problems.append("; ");
        }
        problems.append(what);
    }

    /** All problems joined by "; ", or null when the line was fully understood. */
    String problems() {
        return problems == null ? null : problems.toString();
    }
}
