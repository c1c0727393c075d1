package org.socd.protocol.decoders;

/**
 * Splits {@code key=value} lists as CEF extensions, LEEF attributes and FortiGate-style bodies
 * write them. One pass, no regex: linear in the text whatever it contains.
 */
final class KeyValues {

    /** Receives one pair. */
    interface Sink {
        void accept(String key, String value);
    }

    private KeyValues() {
    }

    /**
     * Calls {@code sink} for each pair in {@code text[from, to)}, at most {@code max} times.
     *
     * <p>With {@code cefValues}, pairs are separated by spaces but a value runs up to the space
     * before the next {@code key=} (so it may contain spaces), and {@code \=}, {@code \\},
     * {@code \n}, {@code \r} in values are escapes (CEF rules). Otherwise pairs are separated by
     * {@code separator} and a value is everything up to it; a value in double quotes
     * ({@code msg="a b"}, FortiGate) loses its quotes. Empty values are skipped.
     */
    static void forEach(String text, int from, int to, char separator, boolean cefValues, int max, Sink sink) {
        if (cefValues) {
            cef(text, from, to, max, sink);
        } else {
            separated(text, from, to, separator, max, sink);
        }
    }

    private static void cef(String text, int from, int to, int max, Sink sink) {
        String key = null;
        int valueStart = -1;
        int count = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (c != '=') {
                continue;
            }
            int keyStart = i;
            while (keyStart > from && isKeyChar(text.charAt(keyStart - 1))) {
                keyStart--;
            }
            if (keyStart == i || (keyStart > from && text.charAt(keyStart - 1) != ' ')) {
                continue; // an '=' inside a value (lenient: senders forget to escape it)
            }
            if (key != null) {
                if (count++ >= max) {
                    return;
                }
                emit(sink, key, text, valueStart, keyStart - 1);
            }
            key = text.substring(keyStart, i);
            valueStart = i + 1;
        }
        if (key != null && count < max) {
            emit(sink, key, text, valueStart, to);
        }
    }

    private static void emit(Sink sink, String key, String text, int from, int to) {
        int end = to;
        while (end > from && text.charAt(end - 1) == ' ') {
            end--;
        }
        if (end > from) {
            sink.accept(key, unescapeCef(text, from, end));
        }
    }

    private static String unescapeCef(String s, int from, int to) {
        int backslash = s.indexOf('\\', from);
        if (backslash < 0 || backslash >= to) {
            return s.substring(from, to);
        }
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < to) {
                char n = s.charAt(i + 1);
                switch (n) {
                    case '=', '\\', '|' -> {
                        b.append(n);
                        i++;
                        continue;
                    }
                    case 'n' -> {
                        b.append('\n');
                        i++;
                        continue;
                    }
                    case 'r' -> {
                        b.append('\r');
                        i++;
                        continue;
                    }
                    default -> { }
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    private static void separated(String text, int from, int to, char separator, int max, Sink sink) {
        int p = from;
        int count = 0;
        while (p < to && count < max) {
            while (p < to && text.charAt(p) == separator) {
                p++;
            }
            int eq = -1;
            int i = p;
            while (i < to && text.charAt(i) != separator && text.charAt(i) != '=') {
                i++;
            }
            if (i < to && text.charAt(i) == '=') {
                eq = i;
            }
            if (eq <= p) {
                // not a pair: skip to the next separator
                while (i < to && text.charAt(i) != separator) {
                    i++;
                }
                p = i;
                continue;
            }
            int valueStart = eq + 1;
            int valueEnd;
            int next;
            if (valueStart < to && text.charAt(valueStart) == '"') {
                int close = text.indexOf('"', valueStart + 1);
                if (close < 0 || close >= to) {
                    close = to;
                }
                valueEnd = close;
                valueStart++;
                next = Math.min(to, close + 1);
            } else {
                valueEnd = valueStart;
                while (valueEnd < to && text.charAt(valueEnd) != separator) {
                    valueEnd++;
                }
                next = valueEnd;
            }
            if (valueEnd > valueStart) {
                sink.accept(text.substring(p, eq), text.substring(valueStart, valueEnd));
                count++;
            }
            p = next;
        }
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    }
}
