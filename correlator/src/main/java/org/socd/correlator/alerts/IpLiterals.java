package org.socd.correlator.alerts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP address literals from events and queries. {@link InetAddress#getByName} would resolve a
 * host name through DNS; an alert index must never do that, so only strings shaped like
 * literals get that far.
 */
final class IpLiterals {

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private IpLiterals() {
    }

    /** The address, or null when {@code text} is not an IPv4 or IPv6 literal. */
    static InetAddress parse(String text) {
        if (text == null) {
            return null;
        }
        InetAddress v4 = plainV4(text);
        if (v4 != null) {
            return v4;
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int zone = t.indexOf('%');
        if (zone > 0) {
            t = t.substring(0, zone);
        }
        if (!V4.matcher(t).matches() && !V6.matcher(t).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null; // shaped like a literal but not one, e.g. 300.1.1.1
        }
    }

    /**
     * The common case without a regular expression (which was a tenth of the cost of indexing
     * an address): four decimal octets up to 255 without leading zeros. Anything else, null, is
     * left to the general path.
     */
    private static InetAddress plainV4(String t) {
        byte[] octets = new byte[4];
        int octet = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) {
                    return null; // a leading zero: octal to some parsers
                }
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && octet < 3) {
                octets[octet++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        if (octet != 3 || digits == 0) {
            return null;
        }
        octets[3] = (byte) value;
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
