package org.socd.rules.matching;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses IP address literals without ever resolving names: IPv4 dotted quads by hand, and only
 * strings with a colon through {@link InetAddress} (which treats them as IPv6 literals, no DNS).
 */
public final class IpAddresses {

    private IpAddresses() {}

    /** 4 or 16 bytes, or null when {@code text} is not an IP literal. IPv4-mapped IPv6 stays 16 bytes. */
    public static byte[] parse(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 64) {
            return null;
        }
        if (t.indexOf(':') >= 0) {
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1);
            }
            int zone = t.indexOf('%');
            if (zone >= 0) {
                t = t.substring(0, zone);
            }
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                    return null;
                }
            }
            try {
                byte[] bytes = InetAddress.getByName(t).getAddress();
                return bytes.length == 16 ? bytes : ipv4MappedToV6(bytes);
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return parseV4(t);
    }

    private static byte[] ipv4MappedToV6(byte[] v4) {
        // InetAddress folds ::ffff:a.b.c.d to an IPv4 address; keep the family the text had.
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    private static byte[] parseV4(String t) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= t.length(); i++) {
            char c = i < t.length() ? t.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                bytes[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? bytes : null;
    }
}
