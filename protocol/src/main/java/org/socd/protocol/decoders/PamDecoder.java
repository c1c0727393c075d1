package org.socd.protocol.decoders;

import java.util.Set;
import org.socd.protocol.event.Event;

/**
 * PAM module lines, whichever program wrote them (sshd, sudo, su, login, cron, ...):
 *
 * <pre>
 * pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.7  user=root
 * pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)
 * pam_unix(cron:session): session closed for user root
 * pam_unix(passwd:chauthtok): password changed for bob
 * PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.7  user=root
 * </pre>
 *
 * <p>and the old form with the module in the tag ({@code sshd(pam_unix)[123]: authentication
 * failure; ...}). Offered every event, it rejects others by their first bytes. For an
 * authentication failure {@code user} is the account tried and {@code rhost} also becomes
 * {@code src_ip} when it is an address; for a session {@code user} is the session's account and
 * {@code by_user}/{@code by_uid} who opened it.
 */
public final class PamDecoder implements FieldDecoder {

    @Override
    public Set<String> appnames() {
        return Set.of();
    }

    @Override
    public boolean decode(String message, Event event) {
        MessageScanner s = new MessageScanner(message);
        String module = null;
        String service = null;
        String type = null;
        if (message.startsWith("pam_")) {
            int open = message.indexOf('(');
            int close = message.indexOf("): ");
            if (open < 0 || close < open || message.indexOf(' ') < close) {
                return false;
            }
            module = message.substring(0, open);
            String serviceType = message.substring(open + 1, close);
            int colon = serviceType.indexOf(':');
            service = colon < 0 ? serviceType : serviceType.substring(0, colon);
            type = colon < 0 ? null : serviceType.substring(colon + 1);
            s.seek(close + 3);
        } else if (message.startsWith("PAM ")) {
            // sshd's summary "PAM 2 more authentication failures; ..."
            int semicolon = message.indexOf("; ");
            int failures = message.indexOf("authentication failure", 4);
            if (semicolon < 0 || failures < 0 || failures > semicolon) {
                return false;
            }
            if (!keyValues(message, semicolon + 2, event)) {
                return false;
            }
            event.put(Fields.ACTION, "auth_failure");
            event.put(Fields.OUTCOME, Fields.FAILURE);
            event.put(Fields.ATTEMPTS, MessageScanner.integer(new MessageScanner(message, 4, semicolon).word()));
            return true;
        } else {
            Object appname = event.get(Event.APPNAME);
            if (!(appname instanceof String a) || !a.endsWith("(pam_unix)")) {
                return false;
            }
            module = "pam_unix";
            service = a.substring(0, a.length() - "(pam_unix)".length());
        }
        if (!body(s, event)) {
            return false;
        }
        event.put(Fields.PAM_MODULE, module);
        event.put(Fields.PAM_SERVICE, service);
        event.put(Fields.PAM_TYPE, type);
        return true;
    }

    private static boolean body(MessageScanner s, Event event) {
        if (s.skip("authentication failure; ")) {
            if (!keyValues(s.text(), s.pos(), event)) {
                return false;
            }
            event.put(Fields.ACTION, "auth_failure");
            event.put(Fields.OUTCOME, Fields.FAILURE);
            return true;
        }
        if (s.skip("session opened for user ")) {
            String who = s.until(" by ");
            if (who == null) {
                who = s.rest();
            } else {
                String by = s.rest();
                if (by != null) {
                    int paren = by.indexOf('(');
                    String byUser = paren < 0 ? by : by.substring(0, paren);
                    event.put(Fields.BY_USER, byUser.isEmpty() ? null : byUser);
                    event.put(Fields.BY_UID, uidIn(by, paren));
                }
            }
            sessionUser(who, event);
            event.put(Fields.ACTION, "session_opened");
            return true;
        }
        if (s.skip("session closed for user ")) {
            sessionUser(s.rest(), event);
            event.put(Fields.ACTION, "session_closed");
            return true;
        }
        if (s.skip("password changed for ")) {
            event.put(Fields.USER, s.rest());
            event.put(Fields.ACTION, "password_changed");
            event.put(Fields.OUTCOME, Fields.SUCCESS);
            return true;
        }
        if (s.skip("check pass; user unknown")) {
            event.put(Fields.ACTION, "auth_failure");
            event.put(Fields.OUTCOME, Fields.FAILURE);
            event.put(Fields.REASON, "user unknown");
            return true;
        }
        return false;
    }

    /** {@code alice(uid=1000)} or {@code alice}. */
    private static void sessionUser(String who, Event event) {
        if (who == null) {
            return;
        }
        int paren = who.indexOf('(');
        event.put(Fields.USER, paren < 0 ? who : who.substring(0, paren));
        event.put(Fields.UID, uidIn(who, paren));
    }

    /** N of {@code (uid=N)} starting at {@code paren}, else null. */
    private static Integer uidIn(String s, int paren) {
        if (paren < 0 || !s.startsWith("(uid=", paren) || !s.endsWith(")")) {
            return null;
        }
        return MessageScanner.integer(s.substring(paren + 5, s.length() - 1));
    }

    /**
     * The {@code key=value} list of an authentication failure, values possibly empty:
     * {@code logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.7  user=root}.
     */
    private static boolean keyValues(String text, int from, Event event) {
        MessageScanner s = new MessageScanner(text, from, text.length());
        boolean any = false;
        while (!s.atEnd()) {
            if (s.skip(" ")) {
                continue;
            }
            String token = s.word();
            int eq = token.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = eq + 1 < token.length() ? token.substring(eq + 1) : null;
            switch (token.substring(0, eq)) {
                case "logname" -> event.put(Fields.LOGNAME, value);
                case "uid" -> event.put(Fields.UID, MessageScanner.integer(value));
                case "euid" -> event.put(Fields.EUID, MessageScanner.integer(value));
                case "tty" -> event.put(Fields.TTY, value);
                case "ruser" -> event.put(Fields.RUSER, value);
                case "rhost" -> {
                    event.put(Fields.RHOST, value);
                    if (MessageScanner.isIpLiteral(value)) {
                        event.put(Fields.SRC_IP, value);
                    }
                }
                case "user" -> event.put(Fields.USER, value);
                default -> {
                    continue;
                }
            }
            any = true;
        }
        return any;
    }
}
