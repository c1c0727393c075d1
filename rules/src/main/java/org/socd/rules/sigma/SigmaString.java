package org.socd.rules.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma string value split into literal text and wildcards, with the specification's
 * backslash escaping already resolved: {@code \*} and {@code \?} are literal, {@code \\} is one
 * backslash, and a backslash before anything else is itself literal (so Windows paths such as
 * {@code C:\Windows\System32} need no escaping).
 */
public record SigmaString(List<Part> parts) {

    public SigmaString {
        parts = List.copyOf(parts);
    }

    /** One piece of a Sigma string. */
    public sealed interface Part permits Literal, AnySequence, AnyChar, OneOf {}

    /** Plain text, compared as is (case folding happens in the matcher). */
    public record Literal(String text) implements Part {}

    /** {@code *}: any number of characters, including none. */
    public record AnySequence() implements Part {}

    /** {@code ?}: exactly one character. */
    public record AnyChar() implements Part {}

    /** Exactly one of the given characters (produced by {@code windash}, never written by rule authors). */
    public record OneOf(String chars) implements Part {}

    /** Whether this string has no wildcards or character choices: one plain text. */
    public boolean isPlain() {
        return parts.stream().allMatch(p -> p instanceof Literal);
    }

    /** The text of a {@link #isPlain() plain} string. */
    public String plainText() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            text.append(((Literal) part).text());
        }
        return text.toString();
    }

    /** Parses a Sigma string with wildcards and escapes. */
    public static SigmaString parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == '*' || next == '?' || next == '\\') {
                    literal.append(next);
                    i++;
                    continue;
                }
                literal.append(c);
            } else if (c == '*' || c == '?') {
                flush(literal, parts);
                parts.add(c == '*' ? new AnySequence() : new AnyChar());
            } else {
                literal.append(c);
            }
        }
        flush(literal, parts);
        return new SigmaString(parts);
    }

    /** A string taken literally, for values that were not strings in YAML (numbers, booleans). */
    public static SigmaString literal(String text) {
        return new SigmaString(text.isEmpty() ? List.of() : List.of(new Literal(text)));
    }

    /** This string with {@code *} in front (for {@code endswith} and {@code contains}). */
    public SigmaString prependAnySequence() {
        if (!parts.isEmpty() && parts.get(0) instanceof AnySequence) {
            return this;
        }
        List<Part> copy = new ArrayList<>(parts.size() + 1);
        copy.add(new AnySequence());
        copy.addAll(parts);
        return new SigmaString(copy);
    }

    /** This string with {@code *} at the end (for {@code startswith} and {@code contains}). */
    public SigmaString appendAnySequence() {
        if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof AnySequence) {
            return this;
        }
        List<Part> copy = new ArrayList<>(parts);
        copy.add(new AnySequence());
        return new SigmaString(copy);
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }
}
