package org.socd.correlator.alerts;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of search_after paging: the sort values (detection millis, sequence) of
 * the last alert on a page. Opaque to clients so the sort can change without breaking them.
 *
 * @param detectedAtMillis detection time of the last alert shown
 * @param seq              its sequence number, the tie-breaker within one millisecond
 */
record PageCursor(long detectedAtMillis, long seq) {

    private static final String VERSION = "v1";

    String encode() {
        String plain = VERSION + ":" + detectedAtMillis + ":" + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws AlertQueryException when the text is not a cursor this store handed out */
    static PageCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            String[] parts = plain.split(":");
            if (parts.length == 3 && parts[0].equals(VERSION)) {
                return new PageCursor(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new AlertQueryException("bad cursor '" + text + "': pass the next_cursor of the previous page"
                + " unchanged, or leave it out for the first page", null);
    }
}
