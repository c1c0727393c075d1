package org.socd.protocol.decoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;

class LeefDecoderTest {

    @Test
    void leef1WithTabs() {
        Event e = Decoded.raw("<13>Nov 26 10:00:00 fw01 LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|src=192.0.2.0\tdst=172.50.123.1"
                + "\tsev=5\tcat=anomaly\tsrcPort=81\tdstPort=21\tusrName=joe.black");
        assertEquals("1.0", e.get("leef_version"));
        assertEquals("Microsoft", e.get("leef_vendor"));
        assertEquals("MSExchange", e.get("leef_product"));
        assertEquals("4.0 SP1", e.get("leef_product_version"));
        assertEquals("15345", e.get("leef_event_id"));
        assertEquals("anomaly", e.get("cat"));
        assertEquals("192.0.2.0", e.get("src_ip"));
        assertEquals(81, e.get("src_port"));
        assertEquals("172.50.123.1", e.get("dst_ip"));
        assertEquals(21, e.get("dst_port"));
        assertEquals("joe.black", e.get("user"));
    }

    @Test
    void leef2WithNamedDelimiterAndRsyslogEscapedTabs() {
        Event e = Decoded.raw("<13>Nov 26 10:00:00 fw01 LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.0.1^dst=10.0.0.2^usrName=a b");
        assertEquals("10.0.0.1", e.get("src_ip"));
        assertEquals("a b", e.get("user"));
        Event hex = Decoded.raw("<13>Nov 26 10:00:00 fw01 LEEF:2.0|V|P|1|41|x09|src=10.0.0.3\tdst=10.0.0.4");
        assertEquals("10.0.0.3", hex.get("src_ip"));
        Event escaped = Decoded.raw("<13>Nov 26 10:00:00 fw01 LEEF:1.0|V|P|1|7|src=10.0.0.5#011usrName=carol");
        assertEquals("10.0.0.5", escaped.get("src_ip"));
        assertEquals("carol", escaped.get("user"));
    }

    @Test
    void truncatedHeaderAddsNothing() {
        assertFalse(Decoded.raw("<13>Nov 26 10:00:00 fw01 LEEF:1.0|V").has("leef_version"));
    }
}
