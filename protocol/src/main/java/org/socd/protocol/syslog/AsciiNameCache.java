package org.socd.protocol.syslog;

import java.nio.charset.StandardCharsets;

/**
 * Reuses the String of a short ASCII token seen before: SD-IDs, PARAM-NAMEs, app names, host
 * names and MSGIDs repeat on nearly every line of a sender, and building them anew was most of
 * what an RFC 5424 parse allocated.
 *
 * <p>A direct-mapped table of {@value #SLOTS} slots indexed by a hash of the bytes; a miss or a
 * collision builds a new String and takes the slot. Shared by all decode threads without locks:
 * the slots race benignly, because a String is immutable and its final fields make it safe to
 * publish through a data race (JLS 17.5), so a reader sees either a whole String or a stale one,
 * which it checks byte for byte before using. Hostile input can only cause misses.
 */
final class AsciiNameCache {

    private static final int SLOTS = 4096;
    /** Longer tokens are rarely repeated names; caching them would only churn the table. */
    private static final int MAX_LENGTH = 64;

    private final String[] slots = new String[SLOTS];

    /** The bytes {@code [from, to)} as a String (UTF-8 with replacement); null for an empty range. */
    String get(byte[] buf, int from, int to) {
        int length = to - from;
        if (length <= 0) {
            return null;
        }
        if (length > MAX_LENGTH) {
            return new String(buf, from, length, StandardCharsets.UTF_8);
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b < 0) {
                return new String(buf, from, length, StandardCharsets.UTF_8); // not ASCII: not cached
            }
            h = 31 * h + b;
        }
        int slot = (h ^ (h >>> 12)) & (SLOTS - 1);
        String cached = slots[slot];
        if (cached != null && sameAscii(cached, buf, from, length)) {
            return cached;
        }
        String fresh = new String(buf, from, length, StandardCharsets.ISO_8859_1);
        slots[slot] = fresh;
        return fresh;
    }

    private static boolean sameAscii(String s, byte[] buf, int from, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != buf[from + i]) {
                return false;
            }
        }
        return true;
    }
}
