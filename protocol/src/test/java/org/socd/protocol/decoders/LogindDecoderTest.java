package org.socd.protocol.decoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;

class LogindDecoderTest {

    @Test
    void newLoggedOutAndRemovedSession() {
        Event e = Decoded.line("systemd-logind", "New session 42 of user alice.");
        assertEquals("session_new", e.get("action"));
        assertEquals("42", e.get("session_id"));
        assertEquals("alice", e.get("user"));
        Event out = Decoded.line("systemd-logind", "Session 42 logged out. Waiting for processes to exit.");
        assertEquals("session_logged_out", out.get("action"));
        assertEquals("42", out.get("session_id"));
        Event removed = Decoded.line("systemd-logind", "Removed session c1.");
        assertEquals("session_removed", removed.get("action"));
        assertEquals("c1", removed.get("session_id"));
    }

    @Test
    void otherLinesAddNothing() {
        assertFalse(Decoded.line("systemd-logind", "New seat seat0.").has("action"));
        assertFalse(Decoded.line("systemd-logind", "Watching system buttons on /dev/input/event0 (Power Button)").has("action"));
    }
}
