package org.socd.rules.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.socd.rules.matching.GlobMatcher;
import org.socd.rules.matching.ValuePattern;
import org.socd.rules.sigma.SigmaString;

/**
 * Turns a Sigma string into the cheapest {@link ValuePattern} with the same meaning: plain
 * string operations for the common shapes ({@code x}, {@code x*}, {@code *x}, {@code *x*}),
 * a segment-wise wildcard matcher for anything else.
 */
public final class PatternCompiler {

    private PatternCompiler() {}

    /** Compiles {@code value}; {@code cased} keeps case, otherwise the pattern is lower-cased. */
    public static ValuePattern compile(SigmaString value, boolean cased) {
        boolean folds = !cased;
        List<SigmaString.Part> parts = value.parts();
        if (parts.isEmpty()) {
            return new ValuePattern.Exact("", folds);
        }
        boolean leadingAny = parts.get(0) instanceof SigmaString.AnySequence;
        boolean trailingAny = parts.size() > 1 && parts.get(parts.size() - 1) instanceof SigmaString.AnySequence;
        int from = leadingAny ? 1 : 0;
        int to = trailingAny ? parts.size() - 1 : parts.size();
        if (to - from == 0) {
            // '*' alone (or '**'): any value at all, including the empty one.
            return new ValuePattern.Prefix("", folds);
        }
        if (to - from == 1 && parts.get(from) instanceof SigmaString.Literal literal) {
            String text = fold(literal.text(), folds);
            if (leadingAny && trailingAny) {
                return new ValuePattern.Substring(text, folds);
            }
            if (leadingAny) {
                return new ValuePattern.Suffix(text, folds);
            }
            if (trailingAny) {
                return new ValuePattern.Prefix(text, folds);
            }
            return new ValuePattern.Exact(text, folds);
        }
        return glob(parts, folds);
    }

    private static ValuePattern glob(List<SigmaString.Part> parts, boolean folds) {
        StringBuilder sigma = new StringBuilder();
        String longest = "";
        List<GlobMatcher.Segment> segments = new ArrayList<>();
        StringBuilder chars = new StringBuilder();
        List<String> choices = new ArrayList<>();
        boolean leadingAny = parts.get(0) instanceof SigmaString.AnySequence;
        boolean trailingAny = parts.get(parts.size() - 1) instanceof SigmaString.AnySequence;
        for (SigmaString.Part part : parts) {
            if (part instanceof SigmaString.Literal literal) {
                String text = fold(literal.text(), folds);
                if (text.length() > longest.length()) {
                    longest = text;
                }
                for (int i = 0; i < text.length(); i++) {
                    chars.append(text.charAt(i));
                    choices.add(null);
                }
                sigma.append(text.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?"));
            } else if (part instanceof SigmaString.AnySequence) {
                flush(segments, chars, choices);
                sigma.append('*');
            } else if (part instanceof SigmaString.OneOf oneOf) {
                chars.append('\0');
                choices.add(fold(oneOf.chars(), folds));
                sigma.append('[').append(oneOf.chars()).append(']');
            } else {
                chars.append('\0');
                choices.add("");
                sigma.append('?');
            }
        }
        flush(segments, chars, choices);
        return new ValuePattern.Glob(sigma.toString(), new GlobMatcher(segments, leadingAny, trailingAny), folds, longest);
    }

    private static void flush(List<GlobMatcher.Segment> segments, StringBuilder chars, List<String> choices) {
        if (chars.length() > 0) {
            segments.add(new GlobMatcher.Segment(chars.toString().toCharArray(), choices.toArray(new String[0])));
            chars.setLength(0);
            choices.clear();
        }
    }

    private static String fold(String text, boolean folds) {
        return folds ? text.toLowerCase(Locale.ROOT) : text;
    }
}
