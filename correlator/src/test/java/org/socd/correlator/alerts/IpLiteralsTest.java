package org.socd.correlator.alerts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpLiteralsTest {

    @Test
    void plainIpv4LiteralsParseToTheirBytes() throws Exception {
        for (String text : new String[] {"10.0.0.5", "0.0.0.0", "255.255.255.255", "192.168.1.90", " 10.1.2.3 "}) {
            assertArrayEquals(InetAddress.getByName(text.trim()).getAddress(), IpLiterals.parse(text).getAddress(), text);
        }
    }

    @Test
    void notAddressesAreNull() {
        for (String text : new String[] {"300.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.", ".1.2.3", "1.2.3.4x",
                "host-01", "", "1.2.3.1000"}) {
            assertNull(IpLiterals.parse(text), text);
        }
    }

    @Test
    void ipv6AndBracketedFormsStillParse() throws Exception {
        assertEquals(InetAddress.getByName("::1"), IpLiterals.parse("[::1]"));
        assertEquals(InetAddress.getByName("fe80::1"), IpLiterals.parse("fe80::1%eth0"));
    }
}
