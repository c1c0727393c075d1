package org.socd.rules.compile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socd.rules.sigma.SigmaString;

/**
 * The value-rewriting modifiers: {@code expand}, {@code windash} and the encodings. Each turns one
 * value into one or more values (ORed). Encoded values are "byte strings": one char per byte
 * (0-255), so {@code utf16le|base64offset} can chain.
 */
final class ValueTransforms {

    /** The characters {@code windash} makes interchangeable. */
    static final String DASHES = "-/\u2013\u2014\u2015";
    /** Beyond this many flag dashes in one value, use a character class rather than 5^n variants. */
    private static final int MAX_WINDASH_PERMUTED = 2;
    private static final Pattern PLACEHOLDER = Pattern.compile("%([A-Za-z0-9_.-]+)%");

    private ValueTransforms() {}

    /** A value on its way through the modifiers; {@code bytes} once it has been encoded to bytes. */
    record Value(SigmaString text, boolean bytes) {}

    /** Replaces every {@code %name%}; null names the first placeholder without values. */
    static List<String> expand(String text, Placeholders placeholders, String[] missing) {
        Matcher m = PLACEHOLDER.matcher(text);
        if (!m.find()) {
            return List.of(text);
        }
        List<String> values = placeholders.values().get(m.group(1));
        if (values == null || values.isEmpty()) {
            missing[0] = m.group(1);
            return List.of();
        }
        List<String> out = new ArrayList<>();
        String head = text.substring(0, m.start());
        for (String tail : expand(text.substring(m.end()), placeholders, missing)) {
            for (String value : values) {
                out.add(head + value + tail);
            }
        }
        return out;
    }

    /**
     * pySigma's rule: a {@code -} or {@code /} that starts a word (no word character before it, one
     * after it) may be written with any of {@link #DASHES}.
     */
    static List<SigmaString> windash(SigmaString value) {
        List<List<SigmaString.Part>> variants = new ArrayList<>();
        variants.add(new ArrayList<>());
        int flags = countFlags(value);
        boolean permute = flags <= MAX_WINDASH_PERMUTED;
        for (SigmaString.Part part : value.parts()) {
            if (!(part instanceof SigmaString.Literal literal)) {
                variants.forEach(v -> v.add(part));
                continue;
            }
            String text = literal.text();
            StringBuilder run = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (isFlag(text, i)) {
                    String runText = run.toString();
                    run.setLength(0);
                    if (permute) {
                        List<List<SigmaString.Part>> next = new ArrayList<>();
                        for (List<SigmaString.Part> v : variants) {
                            for (char dash : DASHES.toCharArray()) {
                                List<SigmaString.Part> copy = new ArrayList<>(v);
                                copy.add(new SigmaString.Literal(runText + dash));
                                next.add(copy);
                            }
                        }
                        variants = next;
                    } else {
                        for (List<SigmaString.Part> v : variants) {
                            if (!runText.isEmpty()) {
                                v.add(new SigmaString.Literal(runText));
                            }
                            v.add(new SigmaString.OneOf(DASHES));
                        }
                    }
                } else {
                    run.append(c);
                }
            }
            if (run.length() > 0) {
                String runText = run.toString();
                variants.forEach(v -> v.add(new SigmaString.Literal(runText)));
            }
        }
        List<SigmaString> out = new ArrayList<>();
        for (List<SigmaString.Part> v : variants) {
            out.add(new SigmaString(merge(v)));
        }
        return out;
    }

    private static int countFlags(SigmaString value) {
        int n = 0;
        for (SigmaString.Part part : value.parts()) {
            if (part instanceof SigmaString.Literal literal) {
                for (int i = 0; i < literal.text().length(); i++) {
                    if (isFlag(literal.text(), i)) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static boolean isFlag(String text, int i) {
        char c = text.charAt(i);
        if (c != '-' && c != '/') {
            return false;
        }
        boolean wordBefore = i > 0 && isWord(text.charAt(i - 1));
        boolean wordAfter = i + 1 < text.length() && isWord(text.charAt(i + 1));
        return !wordBefore && wordAfter;
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Joins adjacent literals so the pattern compiler sees its fast shapes (x, *x, x*, *x*). */
    private static List<SigmaString.Part> merge(List<SigmaString.Part> parts) {
        List<SigmaString.Part> merged = new ArrayList<>();
        for (SigmaString.Part part : parts) {
            if (part instanceof SigmaString.Literal literal && !merged.isEmpty()
                    && merged.get(merged.size() - 1) instanceof SigmaString.Literal previous) {
                merged.set(merged.size() - 1, new SigmaString.Literal(previous.text() + literal.text()));
            } else {
                merged.add(part);
            }
        }
        return merged;
    }

    /** UTF-16 encoding of the literal parts; wildcards stay wildcards (as pySigma does). */
    static Value utf16(Value value, boolean bigEndian, boolean byteOrderMark) {
        List<SigmaString.Part> parts = new ArrayList<>();
        if (byteOrderMark) {
            parts.add(new SigmaString.Literal(bigEndian ? "\u00fe\u00ff" : "\u00ff\u00fe"));
        }
        for (SigmaString.Part part : value.text().parts()) {
            if (part instanceof SigmaString.Literal literal) {
                byte[] bytes = literal.text().getBytes(bigEndian ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
                parts.add(new SigmaString.Literal(new String(bytes, StandardCharsets.ISO_8859_1)));
            } else {
                parts.add(part);
            }
        }
        return new Value(new SigmaString(merge(parts)), true);
    }

    /** The bytes of a plain value: its chars if already encoded, else its UTF-8. */
    static byte[] bytes(Value value) {
        String text = value.text().plainText();
        return value.bytes() ? text.getBytes(StandardCharsets.ISO_8859_1) : text.getBytes(StandardCharsets.UTF_8);
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The three encodings of {@code bytes} as it may appear inside a longer Base64 text, at byte
     * offsets 0, 1 and 2, trimmed to the characters that do not depend on the neighbours (pySigma's
     * algorithm, so results agree with other Sigma tools).
     */
    static List<String> base64Offsets(byte[] bytes) {
        int[] startOffsets = {0, 2, 3};
        int[] endOffsets = {0, -3, -2};
        List<String> out = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[bytes.length + i];
            for (int k = 0; k < i; k++) {
                shifted[k] = ' ';
            }
            System.arraycopy(bytes, 0, shifted, i, bytes.length);
            String encoded = base64(shifted);
            int end = endOffsets[(bytes.length + i) % 3];
            int stop = end == 0 ? encoded.length() : encoded.length() + end;
            if (stop > startOffsets[i]) {
                String variant = encoded.substring(startOffsets[i], stop);
                if (!out.contains(variant)) {
                    out.add(variant);
                }
            }
        }
        return out;
    }
}
