package org.socd.protocol.decoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;

class PamDecoderTest {

    @Test
    void authenticationFailureWithAllItsFields() {
        Event e = Decoded.line("sshd", "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.7  user=root");
        assertEquals("auth_failure", e.get("action"));
        assertEquals("failure", e.get("outcome"));
        assertEquals("pam_unix", e.get("pam_module"));
        assertEquals("sshd", e.get("pam_service"));
        assertEquals("auth", e.get("pam_type"));
        assertFalse(e.has("logname"));
        assertEquals(0, e.get("uid"));
        assertEquals(0, e.get("euid"));
        assertEquals("ssh", e.get("tty"));
        assertFalse(e.has("ruser"));
        assertEquals("203.0.113.7", e.get("rhost"));
        assertEquals("203.0.113.7", e.get("src_ip"));
        assertEquals("root", e.get("user"));
    }

    @Test
    void hostNameRhostIsNotAnAddress() {
        Event e = Decoded.line("login", "pam_unix(login:auth): authentication failure; logname=LOGIN uid=0 euid=0 tty=/dev/tty1 ruser= rhost=pc-12.corp  user=bob");
        assertEquals("pc-12.corp", e.get("rhost"));
        assertFalse(e.has("src_ip"));
        assertEquals("LOGIN", e.get("logname"));
        assertEquals("bob", e.get("user"));
    }

    @Test
    void sessionOpenedAndClosed() {
        Event e = Decoded.line("sudo", "pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)");
        assertEquals("session_opened", e.get("action"));
        assertEquals("root", e.get("user"));
        assertEquals(0, e.get("uid"));
        assertEquals("alice", e.get("by_user"));
        assertEquals(1000, e.get("by_uid"));
        Event cron = Decoded.line("CRON", "pam_unix(cron:session): session opened for user root by (uid=0)");
        assertEquals("root", cron.get("user"));
        assertFalse(cron.has("by_user"));
        assertEquals(0, cron.get("by_uid"));
        Event closed = Decoded.line("sshd", "pam_unix(sshd:session): session closed for user alice");
        assertEquals("session_closed", closed.get("action"));
        assertEquals("alice", closed.get("user"));
    }

    @Test
    void oldFormWithTheModuleInTheTag() {
        Event e = Decoded.raw("<85>Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ");
        assertEquals("auth_failure", e.get("action"));
        assertEquals("sshd", e.get("pam_service"));
        assertEquals("218.188.2.4", e.get("src_ip"));
        assertFalse(e.has("user"));
    }

    @Test
    void passwordChangeAndSshdSummary() {
        Event e = Decoded.line("passwd", "pam_unix(passwd:chauthtok): password changed for bob");
        assertEquals("password_changed", e.get("action"));
        assertEquals("bob", e.get("user"));
        Event summary = Decoded.line("sshd", "PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.7  user=root");
        assertEquals(2, summary.get("attempts"));
        assertEquals("203.0.113.7", summary.get("src_ip"));
    }

    @Test
    void otherLinesAddNothing() {
        assertFalse(Decoded.line("app", "pam_nothing here").has("action"));
        assertFalse(Decoded.line("app", "PAM service(sshd) ignoring max retries; 7 > 3").has("action"));
        assertFalse(Decoded.line("systemd", "pam_unix(x:y): something new").has("action"));
    }
}
