package org.socd.protocol.decoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;

class AccountDecoderTest {

    @Test
    void newUser() {
        Event e = Decoded.line("useradd", "new user: name=bob, UID=1001, GID=1001, home=/home/bob, shell=/bin/bash, from=/dev/pts/0");
        assertEquals("user_added", e.get("action"));
        assertEquals("bob", e.get("user"));
        assertEquals(1001, e.get("uid"));
        assertEquals(1001, e.get("gid"));
        assertEquals("/home/bob", e.get("home"));
        assertEquals("/bin/bash", e.get("shell"));
        assertEquals("/dev/pts/0", e.get("tty"));
    }

    @Test
    void newGroupFromUseraddAndGroupadd() {
        assertEquals("bob", Decoded.line("useradd", "new group: name=bob, GID=1001").get("group"));
        Event e = Decoded.line("groupadd", "group added to /etc/group: name=devs, GID=1002");
        assertEquals("group_added", e.get("action"));
        assertEquals("devs", e.get("group"));
        assertEquals(1002, e.get("gid"));
    }

    @Test
    void groupMembership() {
        Event e = Decoded.line("usermod", "add 'bob' to shadow group 'sudo'");
        assertEquals("group_member_added", e.get("action"));
        assertEquals("bob", e.get("user"));
        assertEquals("sudo", e.get("group"));
        Event removed = Decoded.line("userdel", "delete 'bob' from group 'sudo'");
        assertEquals("group_member_removed", removed.get("action"));
        assertEquals("sudo", removed.get("group"));
    }

    @Test
    void deletionsChangesAndPasswords() {
        assertEquals("user_deleted", Decoded.line("userdel", "delete user 'bob'").get("action"));
        assertEquals("bob", Decoded.line("userdel", "delete user 'bob'").get("user"));
        assertEquals("devs", Decoded.line("groupdel", "group 'devs' removed").get("group"));
        assertEquals("group_deleted", Decoded.line("userdel", "removed group 'bob' owned by 'bob'").get("action"));
        Event shell = Decoded.line("usermod", "change user 'bob' shell from '/bin/sh' to '/bin/bash'");
        assertEquals("user_modified", shell.get("action"));
        assertEquals("bob", shell.get("user"));
        assertEquals("user_locked", Decoded.line("usermod", "lock user 'bob' password").get("action"));
        Event pw = Decoded.line("passwd", "password for 'bob' changed by 'root'");
        assertEquals("password_changed", pw.get("action"));
        assertEquals("bob", pw.get("user"));
        assertEquals("root", pw.get("by_user"));
    }

    @Test
    void otherLinesAddNothing() {
        assertFalse(Decoded.line("useradd", "failed adding user 'x', exit code: 9").has("action"));
        assertFalse(Decoded.line("useradd", "new user: oops").has("action"));
    }
}
