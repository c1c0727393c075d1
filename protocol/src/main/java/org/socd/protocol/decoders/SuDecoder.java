package org.socd.protocol.decoders;

import java.util.Set;
import org.socd.protocol.event.Event;

/**
 * su, as util-linux, shadow-utils and old BSD-style systems log it:
 *
 * <pre>
 * (to root) alice on pts/0                   util-linux, success
 * FAILED SU (to root) alice on pts/0         util-linux, failure
 * Successful su for root by alice            shadow-utils
 * FAILED su for root by alice                shadow-utils
 * + pts/0 alice:root                         shadow-utils (SULOG style)
 * - pts/0 alice:root
 * 'su root' failed for lonvick on /dev/pts/8 RFC 3164's example
 * </pre>
 *
 * <p>{@code user} is who ran su, {@code target_user} the account asked for. Session and
 * authentication lines from pam_unix are {@link PamDecoder}'s.
 */
public final class SuDecoder implements FieldDecoder {

    @Override
    public Set<String> appnames() {
        return Set.of("su");
    }

    @Override
    public boolean decode(String message, Event event) {
        MessageScanner s = new MessageScanner(message);
        if (s.skip("FAILED SU (to ")) {
            return toOn(s, event, Fields.FAILURE);
        }
        if (s.skip("(to ")) {
            return toOn(s, event, Fields.SUCCESS);
        }
        if (s.skip("Successful su for ")) {
            return forBy(s, event, Fields.SUCCESS);
        }
        if (s.skip("FAILED su for ")) {
            return forBy(s, event, Fields.FAILURE);
        }
        if (s.skip("+ ")) {
            return sulog(s, event, Fields.SUCCESS);
        }
        if (s.skip("- ")) {
            return sulog(s, event, Fields.FAILURE);
        }
        if (s.skip("'su ")) {
            String target = s.until("' failed for ");
            int on = s.lastIndexOf(" on ");
            if (target == null || on < 0) {
                return false;
            }
            String user = s.to(on);
            s.skip(" on ");
            return result(event, Fields.FAILURE, user, target, s.rest());
        }
        return false;
    }

    /** {@code TARGET) USER on TTY}. */
    private static boolean toOn(MessageScanner s, Event event, String outcome) {
        String target = s.until(") ");
        int on = s.lastIndexOf(" on ");
        if (target == null || on < 0) {
            return false;
        }
        String user = s.to(on);
        s.skip(" on ");
        return result(event, outcome, user, target, s.rest());
    }

    /** {@code TARGET by USER}. */
    private static boolean forBy(MessageScanner s, Event event, String outcome) {
        String target = s.until(" by ");
        if (target == null) {
            return false;
        }
        return result(event, outcome, s.rest(), target, null);
    }

    /** {@code TTY USER:TARGET}. */
    private static boolean sulog(MessageScanner s, Event event, String outcome) {
        String tty = s.word();
        if (tty == null || !s.skip(" ")) {
            return false;
        }
        String pair = s.rest();
        int colon = pair == null ? -1 : pair.indexOf(':');
        if (colon <= 0 || pair.indexOf(' ') >= 0) {
            return false;
        }
        return result(event, outcome, pair.substring(0, colon), pair.substring(colon + 1), tty);
    }

    private static boolean result(Event event, String outcome, String user, String target, String tty) {
        if (user == null || target == null) {
            return false;
        }
        event.put(Fields.ACTION, "su");
        event.put(Fields.OUTCOME, outcome);
        event.put(Fields.USER, user);
        event.put(Fields.TARGET_USER, target);
        event.put(Fields.TTY, tty);
        return true;
    }
}
