package org.socd.protocol.decoders;

/**
 * A forward-only read position in one message, for the hand-written scans of the hot decoders
 * (sshd, sudo): literal tests and word reads with {@code String.regionMatches} and
 * {@code indexOf}, no regular expressions, so the cost is linear in the message and nothing
 * backtracks on hostile input.
 */
final class MessageScanner {

    private final String text;
    private final int end;
    private int pos;

    MessageScanner(String text) {
        this(text, 0, text.length());
    }

    MessageScanner(String text, int from, int end) {
        this.text = text;
        this.pos = from;
        this.end = end;
    }

    String text() {
        return text;
    }

    int pos() {
        return pos;
    }

    int end() {
        return end;
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** Moves past {@code literal} if the text continues with it. */
    boolean skip(String literal) {
        if (end - pos >= literal.length() && text.startsWith(literal, pos)) {
            pos += literal.length();
            return true;
        }
        return false;
    }

    /** The text up to the next space (or the end), moving past it but not past the space; null if empty. */
    String word() {
        int from = pos;
        while (pos < end && text.charAt(pos) != ' ') {
            pos++;
        }
        return pos > from ? text.substring(from, pos) : null;
    }

    /** The text up to the first {@code delimiter}, moving past the delimiter; null (cursor unmoved) if absent. */
    String until(String delimiter) {
        int at = indexOf(delimiter);
        if (at < 0) {
            return null;
        }
        String s = text.substring(pos, at);
        pos = at + delimiter.length();
        return s;
    }

    /** Index of {@code literal} in the rest of the text, or -1. */
    int indexOf(String literal) {
        int at = text.indexOf(literal, pos);
        return at >= 0 && at + literal.length() <= end ? at : -1;
    }

    /** Index of the last {@code literal} in the rest of the text, or -1. */
    int lastIndexOf(String literal) {
        int at = text.lastIndexOf(literal, end - literal.length());
        return at >= pos ? at : -1;
    }

    /** The text from the cursor to {@code to}, moving there; null if empty. */
    String to(int to) {
        String s = to > pos ? text.substring(pos, to) : null;
        pos = Math.max(pos, to);
        return s;
    }

    /** The rest of the text, moving to the end; null if empty. */
    String rest() {
        return to(end);
    }

    void seek(int to) {
        pos = to;
    }

    /** The decimal integer of {@code s}, or null when it is not one (or would not fit an int). */
    static Integer integer(String s) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return null;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * Whether {@code s} is written like an IPv4 or IPv6 address literal. A shape test, not a full
     * validation: it keeps host names out of {@code src_ip}, which is all detection needs.
     */
    static boolean isIpLiteral(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return false;
        }
        boolean colon = false;
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (c == '.') {
                dots++;
            } else if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        if (colon) {
            return true;
        }
        if (dots != 3) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
