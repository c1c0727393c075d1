package org.socd.protocol.decoders;

import java.util.Set;
import org.socd.protocol.event.Event;

/**
 * sudo's command log:
 *
 * <pre>
 * alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id
 * alice : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls
 * bob : user NOT in sudoers ; TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/sh
 * </pre>
 *
 * <p>{@code user} is who ran sudo, {@code target_user} the account the command ran as. A text
 * item before the {@code KEY=value} items is the reason sudo refused (or asked again), and makes
 * the outcome a failure. COMMAND is the last item and kept whole, since a command may contain
 * {@code " ; "} itself. Scanned by hand with {@code indexOf}, no regex.
 */
public final class SudoDecoder implements FieldDecoder {

    private static final String COMMAND = "COMMAND=";

    @Override
    public Set<String> appnames() {
        return Set.of("sudo");
    }

    @Override
    public boolean decode(String message, Event event) {
        int colon = message.indexOf(" : ");
        if (colon <= 0 || message.indexOf(' ') < colon) {
            return false; // the user name is one word; anything else is another sudo line (PAM, errors)
        }
        int commandAt = message.indexOf(COMMAND, colon);
        int itemsEnd = commandAt >= 0 ? commandAt : message.length();
        String reason = null;
        String tty = null;
        String pwd = null;
        String target = null;
        String group = null;
        int p = colon + 3;
        boolean sawItem = false;
        while (p < itemsEnd) {
            int sep = message.indexOf(" ; ", p);
            int itemEnd = sep < 0 || sep > itemsEnd ? itemsEnd : sep;
            String item = message.substring(p, itemEnd);
            int eq = item.indexOf('=');
            if (eq > 0 && isKey(item, eq)) {
                sawItem = true;
                String value = item.substring(eq + 1);
                switch (item.substring(0, eq)) {
                    case "TTY" -> tty = value;
                    case "PWD" -> pwd = value;
                    case "USER" -> target = value;
                    case "GROUP" -> group = value;
                    default -> { } // ENV=, CHROOT=, ...: not needed for detection
                }
            } else if (!sawItem && reason == null && !item.isEmpty()) {
                reason = item;
            }
            p = itemEnd + 3;
        }
        if (!sawItem && commandAt < 0) {
            return false;
        }
        event.put(Fields.ACTION, "sudo");
        event.put(Fields.USER, message.substring(0, colon));
        event.put(Fields.OUTCOME, reason == null ? Fields.SUCCESS : Fields.FAILURE);
        event.put(Fields.REASON, reason);
        event.put(Fields.ATTEMPTS, attempts(reason));
        event.put(Fields.TTY, tty);
        event.put(Fields.PWD, pwd);
        event.put(Fields.TARGET_USER, target);
        event.put(Fields.TARGET_GROUP, group);
        if (commandAt >= 0) {
            event.put(Fields.COMMAND, message.substring(commandAt + COMMAND.length()));
        }
        return true;
    }

    /** Keys are upper-case words: {@code TTY}, {@code PWD}, {@code USER}, {@code ENV}, ... */
    private static boolean isKey(String item, int eq) {
        for (int i = 0; i < eq; i++) {
            char c = item.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** N of "N incorrect password attempt(s)", else null. */
    private static Integer attempts(String reason) {
        if (reason == null) {
            return null;
        }
        int space = reason.indexOf(' ');
        if (space < 0 || !reason.startsWith(" incorrect password attempt", space)) {
            return null;
        }
        return MessageScanner.integer(reason.substring(0, space));
    }
}
