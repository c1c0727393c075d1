package org.socd.protocol.decoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;

class CefDecoderTest {

    @Test
    void headerAndExtensionWithEscapesAndSpacesInValues() {
        Event e = Decoded.raw("<134>Nov 26 10:00:00 fw01 CEF:0|Security\\|Corp|Threat Manager|1.0|100|worm \\\\ stopped|10|"
                + "src=10.0.0.1 spt=1232 dst=2.1.2.2 dpt=80 suser=alice msg=Detected a threat. No action needed a\\=b cs1Label=note cs1=x\\ny");
        assertEquals("fw01", e.get(Event.HOSTNAME));
        assertEquals("0", e.get("cef_version"));
        assertEquals("Security|Corp", e.get("cef_device_vendor"));
        assertEquals("Threat Manager", e.get("cef_device_product"));
        assertEquals("1.0", e.get("cef_device_version"));
        assertEquals("100", e.get("cef_signature_id"));
        assertEquals("worm \\ stopped", e.get("cef_name"));
        assertEquals("10", e.get("cef_severity"));
        assertEquals("10.0.0.1", e.get("src"));
        assertEquals("Detected a threat. No action needed a=b", e.get("msg"));
        assertEquals("x\ny", e.get("cs1"));
        assertEquals("10.0.0.1", e.get("src_ip"));
        assertEquals(1232, e.get("src_port"));
        assertEquals("2.1.2.2", e.get("dst_ip"));
        assertEquals(80, e.get("dst_port"));
        assertEquals("alice", e.get("user"));
    }

    @Test
    void withoutHostnameAndWithDestinationUserOnly() {
        Event e = Decoded.raw("<134>Nov 26 10:00:00 CEF:0|Vendor|VPN|2|auth-fail|Login failed|5|duser=bob src=198.51.100.4 outcome=failure");
        assertEquals("192.0.2.10", e.get(Event.HOSTNAME), "no hostname in the line: not the CEF header");
        assertEquals("Login failed", e.get("cef_name"));
        assertEquals("bob", e.get("user"));
        assertFalse(e.has("target_user"));
        assertEquals("failure", e.get("outcome"));
    }

    @Test
    void extensionKeysNeverReplaceNormalizedFields() {
        Event e = Decoded.raw("<134>Nov 26 10:00:00 fw01 CEF:0|V|P|1|1|N|1|hostname=evil message=fake");
        assertEquals("fw01", e.get(Event.HOSTNAME));
        assertTrue(e.getString(Event.MESSAGE).startsWith("CEF:0"));
    }

    @Test
    void truncatedHeaderAddsNothing() {
        Event e = Decoded.raw("<134>Nov 26 10:00:00 fw01 CEF:0|V|P|1");
        assertFalse(e.has("cef_version"));
    }
}
