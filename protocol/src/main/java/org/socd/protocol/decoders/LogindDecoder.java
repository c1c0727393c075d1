package org.socd.protocol.decoders;

import java.util.Set;
import org.socd.protocol.event.Event;

/**
 * systemd-logind's session lines:
 *
 * <pre>
 * New session 42 of user alice.
 * Session 42 logged out. Waiting for processes to exit.
 * Removed session 42.
 * </pre>
 */
public final class LogindDecoder implements FieldDecoder {

    @Override
    public Set<String> appnames() {
        return Set.of("systemd-logind");
    }

    @Override
    public boolean decode(String message, Event event) {
        MessageScanner s = new MessageScanner(message);
        if (s.skip("New session ")) {
            String id = s.until(" of user ");
            String user = s.rest();
            if (id == null || user == null) {
                return false;
            }
            event.put(Fields.ACTION, "session_new");
            event.put(Fields.SESSION_ID, id);
            event.put(Fields.USER, user.endsWith(".") ? user.substring(0, user.length() - 1) : user);
            return true;
        }
        if (s.skip("Removed session ")) {
            String id = s.rest();
            if (id == null) {
                return false;
            }
            event.put(Fields.ACTION, "session_removed");
            event.put(Fields.SESSION_ID, id.endsWith(".") ? id.substring(0, id.length() - 1) : id);
            return true;
        }
        if (s.skip("Session ")) {
            String id = s.until(" logged out.");
            if (id == null || id.indexOf(' ') >= 0) {
                return false;
            }
            event.put(Fields.ACTION, "session_logged_out");
            event.put(Fields.SESSION_ID, id);
            return true;
        }
        return false;
    }
}
