package org.socd.protocol.decoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;

class SudoDecoderTest {

    private static Event sudo(String message) {
        return Decoded.raw("<85>Nov 26 10:00:00 web01 sudo: " + message);
    }

    @Test
    void commandRun() {
        Event e = sudo("   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx");
        assertEquals("sudo", e.get("action"));
        assertEquals("success", e.get("outcome"));
        assertEquals("alice", e.get("user"));
        assertEquals("pts/0", e.get("tty"));
        assertEquals("/home/alice", e.get("pwd"));
        assertEquals("root", e.get("target_user"));
        assertEquals("/usr/bin/systemctl restart nginx", e.get("command"));
        assertFalse(e.has("reason"));
    }

    @Test
    void incorrectPasswordAttempts() {
        Event e = sudo("alice : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls");
        assertEquals("failure", e.get("outcome"));
        assertEquals(3, e.get("attempts"));
        assertEquals("3 incorrect password attempts", e.get("reason"));
        assertEquals("/bin/ls", e.get("command"));
        assertEquals(1, sudo("bob : 1 incorrect password attempt ; TTY=pts/1 ; PWD=/ ; USER=root ; COMMAND=/bin/id").get("attempts"));
    }

    @Test
    void notInSudoersWithGroupAndCommandContainingSemicolons() {
        Event e = sudo("bob : user NOT in sudoers ; TTY=pts/1 ; PWD=/tmp ; USER=root ; GROUP=wheel ; COMMAND=/bin/sh -c 'a ; b'");
        assertEquals("failure", e.get("outcome"));
        assertEquals("user NOT in sudoers", e.get("reason"));
        assertEquals("wheel", e.get("target_group"));
        assertEquals("/bin/sh -c 'a ; b'", e.get("command"));
        assertFalse(e.has("attempts"));
    }

    @Test
    void pamLinesOfSudoGoToThePamDecoder() {
        Event e = sudo("pam_unix(sudo:auth): authentication failure; logname=alice uid=1000 euid=0 tty=/dev/pts/0 ruser=alice rhost=  user=alice");
        assertEquals("auth_failure", e.get("action"));
        assertEquals("sudo", e.get("pam_service"));
        assertEquals("alice", e.get("user"));
    }

    @Test
    void otherLinesAddNothing() {
        Event e = sudo("unable to resolve host web01: Name or service not known");
        assertFalse(e.has("action"));
        assertFalse(sudo("a b : c").has("action"));
    }
}
