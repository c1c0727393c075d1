package org.socd.rules.modifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.RuleFixture.matches;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `cidr`: IPv4 and IPv6 networks; non-addresses never match and never cause a name lookup. */
class CidrModifierTest {

    @Test
    void ipv4Networks() {
        String rule = "s:\n    DestinationIp|cidr: ['10.0.0.0/8', '192.168.1.0/24', '172.16.0.0/12']\ncondition: s\n";
        assertTrue(matches(rule, Map.of("DestinationIp", "10.200.3.4")));
        assertTrue(matches(rule, Map.of("DestinationIp", "172.31.255.255")));
        assertFalse(matches(rule, Map.of("DestinationIp", "172.32.0.1")));
        assertFalse(matches(rule, Map.of("DestinationIp", "192.168.2.1")));
        assertFalse(matches(rule, Map.of("DestinationIp", "example.com")));
        assertFalse(matches(rule, Map.of("DestinationIp", "10.0.0.256")));
        assertFalse(matches(rule, Map.of("DestinationIp", "::1")));
    }

    @Test
    void ipv6Networks() {
        String rule = "s:\n    DestinationIp|cidr: ['fe80::/10', '::1/128', '2001:db8::/32']\ncondition: s\n";
        assertTrue(matches(rule, Map.of("DestinationIp", "fe80::1c2d:3e4f")));
        assertTrue(matches(rule, Map.of("DestinationIp", "::1")));
        assertTrue(matches(rule, Map.of("DestinationIp", "2001:DB8:0:1::7")));
        assertFalse(matches(rule, Map.of("DestinationIp", "2001:db9::1")));
        assertFalse(matches(rule, Map.of("DestinationIp", "10.0.0.1")));
        assertFalse(matches(rule, Map.of("DestinationIp", "fe80::zz")));
    }

    @Test
    void odd_prefixLengths() {
        String rule = "s:\n    ip|cidr: '10.0.0.128/25'\ncondition: s\n";
        assertTrue(matches(rule, Map.of("ip", "10.0.0.200")));
        assertFalse(matches(rule, Map.of("ip", "10.0.0.127")));
    }
}
