package org.socd.protocol.decoders;

import java.util.Set;
import org.socd.protocol.event.Event;

/**
 * OpenSSH's sshd: authentication results, invalid users, disconnects and closed connections.
 *
 * <pre>
 * Failed password for invalid user admin from 203.0.113.7 port 52113 ssh2
 * Accepted publickey for alice from 10.0.0.5 port 50000 ssh2: ED25519 SHA256:AbC...
 * Invalid user admin from 203.0.113.7 port 52113
 * Disconnected from authenticating user root 203.0.113.7 port 52113 [preauth]
 * Connection closed by invalid user admin 203.0.113.7 port 52113 [preauth]
 * Received disconnect from 203.0.113.7 port 52113:11: Bye Bye [preauth]
 * error: maximum authentication attempts exceeded for root from 203.0.113.7 port 52113 ssh2 [preauth]
 * </pre>
 *
 * <p>Scanned by hand: sshd lines are the most frequent security lines of a Linux fleet. User names
 * are read between fixed words rather than as one token, because sshd logs what the client sent,
 * spaces included, and the address and port are read from the end where they cannot be forged.
 * PAM lines sshd also writes ({@code pam_unix(sshd:auth): ...}) are left to {@link PamDecoder}.
 */
public final class SshdDecoder implements FieldDecoder {

    private static final String PREAUTH = " [preauth]";

    @Override
    public Set<String> appnames() {
        // OpenSSH 9.8 moved per-connection logging to sshd-session and sshd-auth.
        return Set.of("sshd", "sshd-session", "sshd-auth");
    }

    @Override
    public boolean decode(String message, Event event) {
        int end = message.length();
        boolean preauth = message.endsWith(PREAUTH);
        if (preauth) {
            end -= PREAUTH.length();
        }
        MessageScanner s = new MessageScanner(message, 0, end);
        boolean known;
        if (s.skip("Failed ")) {
            known = authResult(s, event, Fields.FAILURE);
        } else if (s.skip("Accepted ")) {
            known = authResult(s, event, Fields.SUCCESS);
        } else if (s.skip("Invalid user ")) {
            known = invalidUser(s, event);
        } else if (s.skip("Disconnected from ")) {
            known = userAddressPort(s, event, "disconnect");
        } else if (s.skip("Connection closed by ")) {
            known = userAddressPort(s, event, "connection_closed");
        } else if (s.skip("Connection reset by ")) {
            known = userAddressPort(s, event, "connection_reset");
        } else if (s.skip("Disconnecting ")) {
            known = disconnecting(s, event);
        } else if (s.skip("Received disconnect from ")) {
            known = receivedDisconnect(s, event);
        } else if (s.skip("error: maximum authentication attempts exceeded for ")) {
            known = maxAttempts(s, event);
        } else if (s.skip("User ")) {
            known = notAllowed(s, event);
        } else if (s.skip("Did not receive identification string from ")) {
            known = addressPort(s, event, s.end()) && put(event, Fields.ACTION, "no_identification");
        } else {
            known = false;
        }
        if (known && preauth) {
            event.put(Fields.PREAUTH, Boolean.TRUE);
        }
        return known;
    }

    /** {@code METHOD for [invalid user ]USER from ADDR port PORT ssh2[: KEYTYPE FINGERPRINT]}. */
    private static boolean authResult(MessageScanner s, Event event, String outcome) {
        String method = s.word();
        if (method == null || !s.skip(" for ")) {
            return false;
        }
        boolean invalid = s.skip("invalid user ");
        int from = s.lastIndexOf(" from ");
        if (from < 0) {
            return false;
        }
        String user = s.to(from);
        s.skip(" from ");
        int portEnd = s.indexOf(" ssh2");
        if (portEnd < 0) {
            portEnd = s.end();
        }
        if (!addressPort(s, event, portEnd)) {
            return false;
        }
        event.put(Fields.ACTION, "auth");
        event.put(Fields.OUTCOME, outcome);
        event.put(Fields.AUTH_METHOD, method);
        event.put(Fields.USER, user);
        if (invalid) {
            event.put(Fields.INVALID_USER, Boolean.TRUE);
        }
        s.seek(portEnd);
        if (s.skip(" ssh2: ")) {
            event.put(Fields.KEY_TYPE, s.word());
            if (s.skip(" ")) {
                event.put(Fields.KEY_FINGERPRINT, s.word());
            }
        }
        return true;
    }

    /** {@code USER from ADDR[ port PORT]} (the port since OpenSSH 7.5). */
    private static boolean invalidUser(MessageScanner s, Event event) {
        int from = s.lastIndexOf(" from ");
        if (from < 0) {
            return false;
        }
        String user = s.to(from);
        s.skip(" from ");
        if (!addressPort(s, event, s.end())) {
            return false;
        }
        event.put(Fields.ACTION, "invalid_user");
        event.put(Fields.OUTCOME, Fields.FAILURE);
        event.put(Fields.USER, user);
        event.put(Fields.INVALID_USER, Boolean.TRUE);
        return true;
    }

    /** {@code [invalid user |authenticating user |user ]USER ADDR port PORT}, or just {@code ADDR port PORT}. */
    private static boolean userAddressPort(MessageScanner s, Event event, String action) {
        boolean invalid = s.skip("invalid user ");
        boolean named = invalid || s.skip("authenticating user ") || s.skip("user ");
        int port = s.lastIndexOf(" port ");
        if (port < 0) {
            return false; // "Connection reset by peer" and the like: nothing to extract
        }
        String user = null;
        if (named) {
            int addressStart = port;
            while (addressStart > s.pos() && message(s).charAt(addressStart - 1) != ' ') {
                addressStart--;
            }
            if (addressStart <= s.pos()) {
                return false;
            }
            user = s.to(addressStart - 1);
            s.skip(" ");
        }
        if (!addressPort(s, event, s.end())) {
            return false;
        }
        event.put(Fields.ACTION, action);
        event.put(Fields.USER, user);
        if (invalid) {
            event.put(Fields.INVALID_USER, Boolean.TRUE);
        }
        return true;
    }

    /** {@code [invalid user |authenticating user ]USER ADDR port PORT: REASON}. */
    private static boolean disconnecting(MessageScanner s, Event event) {
        int colon = s.lastIndexOf(": ");
        if (colon < 0) {
            return false;
        }
        MessageScanner head = new MessageScanner(message(s), s.pos(), colon);
        if (!userAddressPort(head, event, "disconnect")) {
            return false;
        }
        s.seek(colon + 2);
        event.put(Fields.REASON, s.rest());
        return true;
    }

    /** {@code ADDR port PORT:CODE: REASON}. */
    private static boolean receivedDisconnect(MessageScanner s, Event event) {
        int colon = s.indexOf(":");
        // IPv6 addresses contain colons: the code's colon is the first one after " port ".
        int port = s.indexOf(" port ");
        if (port >= 0) {
            colon = message(s).indexOf(':', port);
        }
        if (colon < 0 || colon > s.end()) {
            return false;
        }
        if (!addressPort(s, event, colon)) {
            return false;
        }
        event.put(Fields.ACTION, "disconnect");
        s.seek(colon + 1);
        int reason = s.indexOf(": ");
        if (reason >= 0) {
            s.seek(reason + 2);
            event.put(Fields.REASON, s.rest());
        }
        return true;
    }

    /** {@code [invalid user ]USER from ADDR port PORT ssh2}. */
    private static boolean maxAttempts(MessageScanner s, Event event) {
        boolean invalid = s.skip("invalid user ");
        int from = s.lastIndexOf(" from ");
        if (from < 0) {
            return false;
        }
        String user = s.to(from);
        s.skip(" from ");
        int portEnd = s.indexOf(" ssh2");
        if (!addressPort(s, event, portEnd < 0 ? s.end() : portEnd)) {
            return false;
        }
        event.put(Fields.ACTION, "max_auth_attempts");
        event.put(Fields.OUTCOME, Fields.FAILURE);
        event.put(Fields.USER, user);
        if (invalid) {
            event.put(Fields.INVALID_USER, Boolean.TRUE);
        }
        return true;
    }

    /** {@code USER from ADDR not allowed because REASON}. */
    private static boolean notAllowed(MessageScanner s, Event event) {
        int from = s.indexOf(" from ");
        int not = s.indexOf(" not allowed because ");
        if (from < 0 || not < from) {
            return false;
        }
        String user = s.to(from);
        s.skip(" from ");
        String address = s.to(not);
        s.skip(" not allowed because ");
        if (!MessageScanner.isIpLiteral(address)) {
            return false;
        }
        event.put(Fields.ACTION, "not_allowed");
        event.put(Fields.OUTCOME, Fields.FAILURE);
        event.put(Fields.USER, user);
        event.put(Fields.SRC_IP, address);
        event.put(Fields.REASON, s.rest());
        return true;
    }

    /**
     * {@code ADDR[ port PORT]} ending exactly at {@code end}: puts {@code src_ip} and
     * {@code src_port}; false (nothing put) if the address is not an IP literal.
     */
    private static boolean addressPort(MessageScanner s, Event event, int end) {
        String address = s.word();
        if (!MessageScanner.isIpLiteral(address)) {
            return false;
        }
        Integer port = null;
        if (s.pos() < end) {
            if (!s.skip(" port ")) {
                return false;
            }
            port = MessageScanner.integer(s.to(end));
            if (port == null) {
                return false;
            }
        }
        event.put(Fields.SRC_IP, address);
        event.put(Fields.SRC_PORT, port);
        return true;
    }

    private static boolean put(Event event, String field, String value) {
        event.put(field, value);
        return true;
    }

    private static String message(MessageScanner s) {
        return s.text();
    }
}
