package org.socd.protocol.decoders;

import java.util.Locale;
import java.util.Set;
import org.socd.protocol.event.Event;

/**
 * cron (Debian's cron, cronie's crond) and crontab:
 *
 * <pre>
 * (root) CMD (command -v debian-sa1 &gt; /dev/null &amp;&amp; debian-sa1 1 1)
 * (alice) REPLACE (alice)
 * (alice) BEGIN EDIT (alice)
 * </pre>
 *
 * <p>{@code user} is the account in the first parentheses; a {@code CMD} line gives the command
 * run ({@code action} {@code cron_cmd}), other lines their verb ({@code cron_replace},
 * {@code cron_begin_edit}, ...). The cron job's PAM session lines are {@link PamDecoder}'s.
 */
public final class CronDecoder implements FieldDecoder {

    @Override
    public Set<String> appnames() {
        return Set.of("cron", "crond", "crontab");
    }

    @Override
    public boolean decode(String message, Event event) {
        MessageScanner s = new MessageScanner(message);
        if (!s.skip("(")) {
            return false;
        }
        String user = s.until(") ");
        if (user == null || user.isEmpty() || user.indexOf(' ') >= 0) {
            return false;
        }
        int paren = s.indexOf(" (");
        String verb = paren < 0 ? s.rest() : s.to(paren);
        if (verb == null || !isVerb(verb)) {
            return false;
        }
        event.put(Fields.USER, user);
        event.put(Fields.ACTION, "cron_" + verb.toLowerCase(Locale.ROOT).replace(' ', '_'));
        if (paren >= 0 && verb.equals("CMD")) {
            s.skip(" (");
            String command = s.rest();
            event.put(Fields.COMMAND, command != null && command.endsWith(")")
                    ? command.substring(0, command.length() - 1) : command);
        }
        return true;
    }

    /** cron's verbs are upper-case words: CMD, RELOAD, REPLACE, BEGIN EDIT, ... */
    private static boolean isVerb(String verb) {
        for (int i = 0; i < verb.length(); i++) {
            char c = verb.charAt(i);
            if ((c < 'A' || c > 'Z') && c != ' ') {
                return false;
            }
        }
        return verb.length() <= 32;
    }
}
