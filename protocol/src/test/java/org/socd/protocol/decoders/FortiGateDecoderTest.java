package org.socd.protocol.decoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;

class FortiGateDecoderTest {

    @Test
    void pairsBecomeFieldsWithSocdNamesForAddresses() {
        Event e = Decoded.raw("<189>date=2026-11-26 time=10:00:00 devname=\"FG100E\" logid=\"0000000013\" type=\"traffic\" "
                + "srcip=10.1.1.5 srcport=51234 dstip=8.8.8.8 dstport=53 action=\"deny\" user=\"alice\" msg=\"a b\"");
        assertEquals("FG100E", e.get(Event.HOSTNAME));
        assertEquals("2026-11-26T10:00:00.000Z", e.get(Event.TIMESTAMP));
        assertEquals("traffic", e.get("type"));
        assertEquals("deny", e.get("action"));
        assertEquals("a b", e.get("msg"));
        assertEquals("alice", e.get("user"));
        assertEquals("10.1.1.5", e.get("src_ip"));
        assertEquals(51234, e.get("src_port"));
        assertEquals("8.8.8.8", e.get("dst_ip"));
        assertEquals(53, e.get("dst_port"));
    }

    @Test
    void otherKeyValueTextIsLeftAlone() {
        assertFalse(Decoded.line("app", "date=today is fine").has("src_ip"));
        assertFalse(Decoded.line("app", "date=today is fine").has("is"));
    }
}
