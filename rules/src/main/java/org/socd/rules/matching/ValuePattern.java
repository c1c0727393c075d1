package org.socd.rules.matching;

import com.google.re2j.Pattern;

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

    /** A wildcard pattern that is not a plain prefix/suffix/substring, compiled to an anchored RE2 regex. */
    record Glob(String sigma, Pattern regex, boolean foldsCase) implements ValuePattern {
        @Override
        public boolean test(String value) {
            return regex.matches(value);
        }
    }

    /** A Sigma {@code re} value: found anywhere in the original (not lower-cased) value. */
    record Regex(Pattern regex) implements ValuePattern {
        @Override
        public boolean test(String value) {
            return regex.matcher(value).find();
        }

        @Override
        public boolean foldsCase() {
            return false;
        }
    }
}
