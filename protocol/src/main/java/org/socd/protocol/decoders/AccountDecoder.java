package org.socd.protocol.decoders;

import java.util.Set;
import org.socd.protocol.event.Event;

/**
 * Account management by shadow-utils: useradd, groupadd, usermod, userdel, groupdel, groupmod,
 * passwd, chpasswd, gpasswd.
 *
 * <pre>
 * new user: name=bob, UID=1001, GID=1001, home=/home/bob, shell=/bin/bash, from=/dev/pts/0
 * new group: name=devs, GID=1002
 * group added to /etc/group: name=devs, GID=1002
 * add 'bob' to group 'sudo'
 * add 'bob' to shadow group 'sudo'
 * delete 'bob' from group 'sudo'
 * delete user 'bob'
 * group 'devs' removed
 * change user 'bob' shell from '/bin/sh' to '/bin/bash'
 * lock user 'bob' password
 * password for 'bob' changed by 'root'
 * </pre>
 *
 * <p>{@code user} is the account the line is about, {@code group} the group, {@code by_user}
 * who changed a password. Lines with none of these shapes are left alone.
 */
public final class AccountDecoder implements FieldDecoder {

    @Override
    public Set<String> appnames() {
        return Set.of("useradd", "groupadd", "usermod", "userdel", "groupdel", "groupmod", "passwd", "chpasswd", "gpasswd");
    }

    @Override
    public boolean decode(String message, Event event) {
        MessageScanner s = new MessageScanner(message);
        if (s.skip("new user: ")) {
            return attributes(s, event, "user_added", Fields.USER);
        }
        if (s.skip("new group: ")) {
            return attributes(s, event, "group_added", Fields.GROUP);
        }
        if (s.skip("group added to ")) {
            return s.until(": ") != null && attributes(s, event, "group_added", Fields.GROUP);
        }
        if (s.skip("add '")) {
            return memberChange(s, event, "group_member_added", "' to ");
        }
        if (s.skip("delete '")) {
            return memberChange(s, event, "group_member_removed", "' from ");
        }
        if (s.skip("delete user '")) {
            return quoted(s, event, Fields.USER, "user_deleted");
        }
        if (s.skip("group '")) {
            String group = s.until("' removed");
            if (group == null) {
                return false;
            }
            return done(event, "group_deleted", Fields.GROUP, group);
        }
        if (s.skip("removed group '") || s.skip("removed shadow group '")) {
            return quoted(s, event, Fields.GROUP, "group_deleted");
        }
        if (s.skip("change user '")) {
            return quoted(s, event, Fields.USER, "user_modified");
        }
        if (s.skip("change user name '")) {
            return quoted(s, event, Fields.USER, "user_renamed");
        }
        if (s.skip("lock user '")) {
            return quoted(s, event, Fields.USER, "user_locked");
        }
        if (s.skip("unlock user '")) {
            return quoted(s, event, Fields.USER, "user_unlocked");
        }
        if (s.skip("password for '")) {
            String user = s.until("' changed by '");
            String by = s.rest();
            if (user == null || by == null || !by.endsWith("'")) {
                return false;
            }
            event.put(Fields.BY_USER, by.substring(0, by.length() - 1));
            event.put(Fields.OUTCOME, Fields.SUCCESS);
            return done(event, "password_changed", Fields.USER, user);
        }
        return false;
    }

    /** {@code name=bob, UID=1001, GID=1001, home=/home/bob, shell=/bin/bash, from=/dev/pts/0}. */
    private static boolean attributes(MessageScanner s, Event event, String action, String nameField) {
        String name = null;
        Integer uid = null;
        Integer gid = null;
        String home = null;
        String shell = null;
        String from = null;
        while (!s.atEnd()) {
            String item = s.until(", ");
            if (item == null) {
                item = s.rest();
            }
            int eq = item == null ? -1 : item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = item.substring(eq + 1);
            switch (item.substring(0, eq)) {
                case "name" -> name = value;
                case "UID" -> uid = MessageScanner.integer(value);
                case "GID" -> gid = MessageScanner.integer(value);
                case "home" -> home = value;
                case "shell" -> shell = value;
                case "from" -> from = value;
                default -> { }
            }
        }
        if (name == null) {
            return false;
        }
        event.put(Fields.UID, uid);
        event.put(Fields.GID, gid);
        event.put(Fields.HOME, home);
        event.put(Fields.SHELL, shell);
        event.put(Fields.TTY, from);
        return done(event, action, nameField, name);
    }

    /** {@code USER' to [shadow ]group 'GROUP'}. */
    private static boolean memberChange(MessageScanner s, Event event, String action, String preposition) {
        String user = s.until(preposition);
        if (user == null) {
            return false;
        }
        if (!s.skip("group '") && !s.skip("shadow group '")) {
            return false;
        }
        String group = s.until("'");
        if (group == null) {
            return false;
        }
        event.put(Fields.GROUP, group);
        return done(event, action, Fields.USER, user);
    }

    /** {@code NAME'...}: the name up to the closing quote. */
    private static boolean quoted(MessageScanner s, Event event, String field, String action) {
        String name = s.until("'");
        return name != null && done(event, action, field, name);
    }

    private static boolean done(Event event, String action, String field, String value) {
        event.put(Fields.ACTION, action);
        event.put(field, value);
        return true;
    }
}
