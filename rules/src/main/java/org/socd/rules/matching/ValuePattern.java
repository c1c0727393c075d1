package org.socd.rules.matching;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * One compiled Sigma value, tested against one string of an event field. Case-insensitive
 * patterns hold lower-cased text and are tested against the lower-cased field value, so folding
 * costs once per field per event rather than once per comparison.
 */
public sealed interface ValuePattern {

    boolean test(String value);

    /** Whether this pattern expects the lower-cased field value. */
    boolean foldsCase();

    record Exact(String text, boolean foldsCase) implements ValuePattern {
        @Override
        public boolean test(String value) {
            return value.equals(text);
        }
    }

    record Prefix(String text, boolean foldsCase) implements ValuePattern {
        @Override
        public boolean test(String value) {
            return value.startsWith(text);
        }
    }

    record Suffix(String text, boolean foldsCase) implements ValuePattern {
        @Override
        public boolean test(String value) {
            return value.endsWith(text);
        }
    }

    record Substring(String text, boolean foldsCase) implements ValuePattern {
        @Override
        public boolean test(String value) {
            return value.contains(text);
        }
    }

    /**
     * A wildcard pattern that is not a plain prefix/suffix/substring, matched segment by segment; {@code longestLiteral} is its longest wildcard-free piece, which any match contains
     * (the engine's pre-filter looks for it).
     */
    record Glob(String sigma, GlobMatcher glob, boolean foldsCase, String longestLiteral) implements ValuePattern {
        @Override
        public boolean test(String value) {
            return glob.matches(value);
        }
    }

    /**
     * A Sigma {@code re} value: found anywhere in the original (not lower-cased) value.
     * {@code minLength} (chars every match has at least), {@code run} (null, or a run of
     * characters every match contains) and {@code required} (lower-case, may be empty: texts of
     * which every match contains one) are checked first, because a length, run or substring
     * test is far cheaper than running RE2/J.
     */
    record Regex(Pattern regex, List<String> required, int minLength, CharacterRun run) implements ValuePattern {
        public Regex {
            required = List.copyOf(required);
        }

        /** Without a run check. */
        public Regex(Pattern regex, List<String> required, int minLength) {
            this(regex, required, minLength, null);
        }

        @Override
        public boolean test(String value) {
            if (value.length() < minLength) {
                return false;
            }
            if (run != null && !run.occursIn(value)) {
                return false;
            }
            if (!required.isEmpty() && !containsAnyIgnoringCase(value, required)) {
                return false;
            }
            return regex.matcher(value).find();
        }

        private static boolean containsAnyIgnoringCase(String value, List<String> texts) {
            for (int t = 0; t < texts.size(); t++) {
                String text = texts.get(t);
                if (text.isEmpty()) {
                    return true;
                }
                // regionMatches only where the first character may fit: most positions fail there.
                // An ASCII character equals an ASCII one ignoring case only as itself or its other
                // case; outside ASCII (the Kelvin sign is a 'k', the long s an 's') ask regionMatches.
                char first = text.charAt(0);
                boolean asciiFirst = first < 128;
                char upper = Character.toUpperCase(first);
                char lower = Character.toLowerCase(first);
                int last = value.length() - text.length();
                for (int at = 0; at <= last; at++) {
                    char c = value.charAt(at);
                    if ((!asciiFirst || c == lower || c == upper || c >= 128)
                            && value.regionMatches(true, at, text, 0, text.length())) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public boolean foldsCase() {
            return false;
        }
    }

    /** {@code lt/lte/gt/gte}: the field value, read as a number, compares to {@code bound}; non-numbers never match. */
    record Numeric(Comparison comparison, double bound) implements ValuePattern {
        @Override
        public boolean test(String value) {
            Double number = Numbers.parse(value);
            return number != null && comparison.holds(Double.compare(number, bound));
        }

        @Override
        public boolean foldsCase() {
            return false;
        }
    }

    /** {@code cidr}: the field value is an IP address inside the network. */
    record Cidr(String network, byte[] prefix, int bits) implements ValuePattern {
        @Override
        public boolean test(String value) {
            byte[] address = IpAddresses.parse(value);
            if (address == null || address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }

        @Override
        public boolean foldsCase() {
            return false;
        }

        @Override
        public String toString() {
            return "Cidr[" + network + "]";
        }
    }

    /** Time modifiers: a part (hour, month, ...) of the field's date compares to {@code bound}. */
    record TimePart(DateParts.Part part, Comparison comparison, long bound) implements ValuePattern {
        @Override
        public boolean test(String value) {
            long extracted = DateParts.extract(value, part);
            return extracted >= 0 && comparison.holds(Long.compare(extracted, bound));
        }

        @Override
        public boolean foldsCase() {
            return false;
        }
    }
}
