package org.socd.protocol.syslog;

/**
 * The PRI of a syslog message split into facility and severity.
 *
 * @param facility 0..23 (0 kern, 1 user, ... 16..23 local0..local7)
 * @param severity 0..7 (0 emerg ... 7 debug)
 */
record Pri(int facility, int severity) {

    /** What RFC 3164 section 4.3.3 tells a relay to assume when a message has no PRI: user.notice. */
    static final int DEFAULT_VALUE = 13;

    private static final Pri[] TABLE = new Pri[192];

    static {
        // All 192 values exist up front so parsing a PRI never allocates.
        for (int v = 0; v < TABLE.length; v++) {
            TABLE[v] = new Pri(v >> 3, v & 7);
        }
    }

    static Pri of(int value) {
        return TABLE[value];
    }

    static Pri defaultPri() {
        return TABLE[DEFAULT_VALUE];
    }

    /**
     * Reads {@code <N>} at the cursor, N in 0..191. On success the cursor moves past '>'.
     * Otherwise the cursor stays, a problem is recorded and the default user.notice is returned,
     * so callers always get a PRI.
     */
    static Pri parse(LineCursor c) {
        int p = c.pos;
        if (c.at(p) != '<') {
            c.problem("no PRI: defaulted to <" + DEFAULT_VALUE + ">");
            return defaultPri();
        }
        int value = 0;
        int digits = 0;
        int i = p + 1;
        int b;
        while ((b = c.at(i)) >= '0' && b <= '9' && digits < 4) {
            value = value * 10 + (b - '0');
            digits++;
            i++;
        }
        if (digits == 0 || digits > 3 || b != '>') {
            c.problem("no PRI (malformed '" + c.excerpt(p) + "'): defaulted to <" + DEFAULT_VALUE + ">");
            return defaultPri();
        }
        c.pos = i + 1;
        if (value > 191) {
            // The bracketed number is clearly meant as PRI, so it is consumed rather than kept as text.
            c.problem("PRI " + value + " out of range 0..191: defaulted to <" + DEFAULT_VALUE + ">");
            return defaultPri();
        }
        return of(value);
    }
}
