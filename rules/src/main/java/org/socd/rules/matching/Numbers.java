package org.socd.rules.matching;

/** Reads event values as numbers: decimal integers, decimals and {@code 0x} hexadecimal (Windows logon ids, flags). */
public final class Numbers {

    private Numbers() {}

    /** The number {@code text} spells, or null; never throws, since event values are untrusted. */
    public static Double parse(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 64) {
            return null;
        }
        try {
            if (t.length() > 2 && t.charAt(0) == '0' && (t.charAt(1) == 'x' || t.charAt(1) == 'X')) {
                return (double) Long.parseUnsignedLong(t.substring(2), 16);
            }
            char first = t.charAt(0);
            if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) {
                return null; // Double.parseDouble would accept "NaN" and "Infinity"
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
