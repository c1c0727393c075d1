package org.socd.protocol.decoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;

class SuDecoderTest {

    private static Event su(String message) {
        return Decoded.line("su", message);
    }

    @Test
    void utilLinuxSuccessAndFailure() {
        Event ok = su("(to root) alice on pts/0");
        assertEquals("su", ok.get("action"));
        assertEquals("success", ok.get("outcome"));
        assertEquals("alice", ok.get("user"));
        assertEquals("root", ok.get("target_user"));
        assertEquals("pts/0", ok.get("tty"));
        Event failed = su("FAILED SU (to root) alice on pts/0");
        assertEquals("failure", failed.get("outcome"));
        assertEquals("alice", failed.get("user"));
    }

    @Test
    void shadowUtilsForms() {
        Event e = su("Successful su for root by alice");
        assertEquals("success", e.get("outcome"));
        assertEquals("alice", e.get("user"));
        assertEquals("root", e.get("target_user"));
        assertEquals("failure", su("FAILED su for postgres by bob").get("outcome"));
        Event plus = su("+ pts/3 alice:root");
        assertEquals("pts/3", plus.get("tty"));
        assertEquals("root", plus.get("target_user"));
        assertEquals("failure", su("- pts/3 alice:root").get("outcome"));
    }

    @Test
    void rfc3164Example() {
        Event e = Decoded.raw("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8");
        assertEquals("failure", e.get("outcome"));
        assertEquals("lonvick", e.get("user"));
        assertEquals("root", e.get("target_user"));
        assertEquals("/dev/pts/8", e.get("tty"));
    }

    @Test
    void otherLinesAddNothing() {
        assertFalse(su("pam_authenticate: Authentication failure").has("action"));
        assertFalse(su("- not a sulog line").has("action"));
    }
}
