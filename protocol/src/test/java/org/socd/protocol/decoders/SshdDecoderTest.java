package org.socd.protocol.decoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.socd.protocol.decoders.Decoded.line;

import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;

class SshdDecoderTest {

    @Test
    void failedPasswordForInvalidUser() {
        Event e = line("sshd", "Failed password for invalid user admin from 203.0.113.7 port 52113 ssh2");
        assertEquals("auth", e.get("action"));
        assertEquals("failure", e.get("outcome"));
        assertEquals("password", e.get("auth_method"));
        assertEquals("admin", e.get("user"));
        assertEquals(Boolean.TRUE, e.get("invalid_user"));
        assertEquals("203.0.113.7", e.get("src_ip"));
        assertEquals(52113, e.get("src_port"));
        assertEquals("192.0.2.10", e.get(Event.SOURCE_IP), "the sender stays apart from the attacker");
    }

    @Test
    void failedPasswordForExistingUserOverIpv6() {
        Event e = line("sshd", "Failed password for root from 2001:db8::7 port 22 ssh2");
        assertEquals("root", e.get("user"));
        assertFalse(e.has("invalid_user"));
        assertEquals("2001:db8::7", e.get("src_ip"));
        assertEquals(22, e.get("src_port"));
    }

    @Test
    void acceptedPublickeyWithKeyTypeAndFingerprint() {
        Event e = line("sshd", "Accepted publickey for alice from 10.0.0.5 port 50000 ssh2: ED25519 SHA256:AbCdEf0123");
        assertEquals("success", e.get("outcome"));
        assertEquals("publickey", e.get("auth_method"));
        assertEquals("alice", e.get("user"));
        assertEquals("10.0.0.5", e.get("src_ip"));
        assertEquals(50000, e.get("src_port"));
        assertEquals("ED25519", e.get("key_type"));
        assertEquals("SHA256:AbCdEf0123", e.get("key_fingerprint"));
    }

    @Test
    void acceptedPasswordAndKeyboardInteractive() {
        assertEquals("password", line("sshd", "Accepted password for bob from 10.0.0.6 port 4000 ssh2").get("auth_method"));
        Event e = line("sshd", "Failed keyboard-interactive/pam for invalid user oracle from 198.51.100.2 port 1 ssh2");
        assertEquals("keyboard-interactive/pam", e.get("auth_method"));
        assertEquals("oracle", e.get("user"));
    }

    @Test
    void userNameWithSpacesIsReadBetweenTheFixedWords() {
        Event e = line("sshd", "Failed password for invalid user a from b from 203.0.113.9 port 2 ssh2");
        assertEquals("a from b", e.get("user"));
        assertEquals("203.0.113.9", e.get("src_ip"));
    }

    @Test
    void invalidUserWithAndWithoutPort() {
        Event e = line("sshd", "Invalid user admin from 203.0.113.7 port 52113");
        assertEquals("invalid_user", e.get("action"));
        assertEquals("admin", e.get("user"));
        assertEquals("203.0.113.7", e.get("src_ip"));
        assertEquals(52113, e.get("src_port"));
        Event old = line("sshd", "Invalid user test from 203.0.113.8");
        assertEquals("test", old.get("user"));
        assertEquals("203.0.113.8", old.get("src_ip"));
        assertFalse(old.has("src_port"));
    }

    @Test
    void disconnectsAndClosedConnectionsBeforeAuthentication() {
        Event e = line("sshd", "Disconnected from authenticating user root 203.0.113.7 port 52113 [preauth]");
        assertEquals("disconnect", e.get("action"));
        assertEquals("root", e.get("user"));
        assertEquals("203.0.113.7", e.get("src_ip"));
        assertEquals(52113, e.get("src_port"));
        assertEquals(Boolean.TRUE, e.get("preauth"));

        Event closed = line("sshd", "Connection closed by invalid user admin 203.0.113.7 port 52113 [preauth]");
        assertEquals("connection_closed", closed.get("action"));
        assertEquals("admin", closed.get("user"));
        assertEquals(Boolean.TRUE, closed.get("invalid_user"));

        Event bare = line("sshd", "Connection closed by 203.0.113.7 port 52113 [preauth]");
        assertEquals("203.0.113.7", bare.get("src_ip"));
        assertFalse(bare.has("user"));

        Event user = line("sshd", "Disconnected from user alice 10.0.0.5 port 50000");
        assertEquals("alice", user.get("user"));
        assertFalse(user.has("preauth"));
    }

    @Test
    void receivedDisconnectWithReason() {
        Event e = line("sshd", "Received disconnect from 203.0.113.7 port 52113:11: Bye Bye [preauth]");
        assertEquals("disconnect", e.get("action"));
        assertEquals("203.0.113.7", e.get("src_ip"));
        assertEquals(52113, e.get("src_port"));
        assertEquals("Bye Bye", e.get("reason"));
        Event v6 = line("sshd", "Received disconnect from 2001:db8::1 port 4022:11: disconnected by user");
        assertEquals("2001:db8::1", v6.get("src_ip"));
        assertEquals(4022, v6.get("src_port"));
        assertEquals("disconnected by user", v6.get("reason"));
    }

    @Test
    void tooManyFailuresAndMaxAttempts() {
        Event e = line("sshd", "Disconnecting invalid user admin 203.0.113.7 port 52113: Too many authentication failures [preauth]");
        assertEquals("admin", e.get("user"));
        assertEquals("Too many authentication failures", e.get("reason"));
        Event max = line("sshd", "error: maximum authentication attempts exceeded for root from 203.0.113.7 port 52113 ssh2 [preauth]");
        assertEquals("max_auth_attempts", max.get("action"));
        assertEquals("root", max.get("user"));
        assertEquals(52113, max.get("src_port"));
    }

    @Test
    void notAllowedUser() {
        Event e = line("sshd", "User root from 203.0.113.7 not allowed because not listed in AllowUsers");
        assertEquals("not_allowed", e.get("action"));
        assertEquals("root", e.get("user"));
        assertEquals("203.0.113.7", e.get("src_ip"));
        assertEquals("not listed in AllowUsers", e.get("reason"));
    }

    @Test
    void newOpensshSessionProcessNameIsAnSshdToo() {
        assertEquals("alice", line("sshd-session", "Accepted password for alice from 10.0.0.5 port 1 ssh2").get("user"));
    }

    @Test
    void unknownAndMalformedLinesAddNothing() {
        for (String m : new String[] {"Server listening on 0.0.0.0 port 22.", "Connection reset by peer",
            "Failed password for root from somewhere port x ssh2", "Failed password", "Invalid user x from host.example"}) {
            Event e = line("sshd", m);
            assertFalse(e.has("action"), m);
            assertFalse(e.has("src_ip"), m);
            assertFalse(e.has("user"), m);
        }
    }
}
