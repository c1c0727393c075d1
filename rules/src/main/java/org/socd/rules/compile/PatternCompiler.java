package org.socd.rules.compile;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;
import org.socd.rules.matching.ValuePattern;
import org.socd.rules.sigma.SigmaString;

/**
 * Turns a Sigma string into the cheapest {@link ValuePattern} with the same meaning: plain
 * string operations for the common shapes ({@code x}, {@code x*}, {@code *x}, {@code *x*}),
 * an anchored RE2 regex for anything else.
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
        StringBuilder regex = new StringBuilder();
        StringBuilder sigma = new StringBuilder();
        String longest = "";
        for (SigmaString.Part part : parts) {
            if (part instanceof SigmaString.Literal literal) {
                String text = fold(literal.text(), folds);
                if (text.length() > longest.length()) {
                    longest = text;
                }
                regex.append(Pattern.quote(text));
                sigma.append(text.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?"));
            } else if (part instanceof SigmaString.AnySequence) {
                regex.append(".*");
                sigma.append('*');
            } else if (part instanceof SigmaString.OneOf oneOf) {
                regex.append('[');
                oneOf.chars().codePoints().forEach(c -> regex.append("\\x{").append(Integer.toHexString(c)).append('}'));
                regex.append(']');
                sigma.append('[').append(oneOf.chars()).append(']');
            } else {
                regex.append('.');
                sigma.append('?');
            }
        }
        // DOTALL: a wildcard in Sigma spans any character, line breaks included.
        return new ValuePattern.Glob(sigma.toString(), Pattern.compile(regex.toString(), Pattern.DOTALL), folds, longest);
    }

    private static String fold(String text, boolean folds) {
        return folds ? text.toLowerCase(Locale.ROOT) : text;
    }
}
