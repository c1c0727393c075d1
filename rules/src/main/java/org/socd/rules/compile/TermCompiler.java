package org.socd.rules.compile;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.socd.rules.matching.Disjunction;
import org.socd.rules.matching.FieldMatcher;
import org.socd.rules.matching.FieldPresence;
import org.socd.rules.matching.KeywordMatcher;
import org.socd.rules.matching.Matcher;
import org.socd.rules.matching.ValuePattern;
import org.socd.rules.sigma.FieldTerm;
import org.socd.rules.sigma.Modifier;
import org.socd.rules.sigma.SigmaString;
import org.socd.rules.yaml.RuleSyntaxException;
import org.socd.rules.yaml.YamlNode;

/** Compiles one {@code field|modifiers: values} term (or a keyword list) into a matcher. */
final class TermCompiler {

    private TermCompiler() {}

    static Matcher compile(FieldTerm term) {
        if (term.has(Modifier.EXISTS)) {
            return new FieldPresence(term.field(), (Boolean) term.values().get(0).value());
        }
        List<ValuePattern> patterns = new ArrayList<>();
        boolean absentAllowed = false;
        for (YamlNode.Scalar value : term.values()) {
            if (value.isNull()) {
                absentAllowed = true;
            } else {
                patterns.add(pattern(term, value));
            }
        }
        boolean all = term.has(Modifier.ALL);
        if (term.isKeyword()) {
            return new KeywordMatcher(patterns, all);
        }
        FieldPresence absent = new FieldPresence(term.field(), false);
        if (patterns.isEmpty()) {
            return absent;
        }
        FieldMatcher matcher = new FieldMatcher(term.field(), patterns, all);
        return absentAllowed ? new Disjunction(List.of(matcher, absent)) : matcher;
    }

    private static ValuePattern pattern(FieldTerm term, YamlNode.Scalar value) {
        if (term.has(Modifier.RE)) {
            return regex(term, value);
        }
        // Only YAML strings carry wildcards and escapes; 4625 or true are plain literals.
        SigmaString sigma = value.value() instanceof String text ? SigmaString.parse(text) : SigmaString.literal(value.text());
        if (term.has(Modifier.CONTAINS) || term.isKeyword()) {
            sigma = sigma.prependAnySequence().appendAnySequence();
        } else if (term.has(Modifier.STARTSWITH)) {
            sigma = sigma.appendAnySequence();
        } else if (term.has(Modifier.ENDSWITH)) {
            sigma = sigma.prependAnySequence();
        }
        return PatternCompiler.compile(sigma, term.has(Modifier.CASED));
    }

    private static ValuePattern regex(FieldTerm term, YamlNode.Scalar value) {
        int flags = 0;
        if (term.has(Modifier.RE_IGNORE_CASE)) {
            flags |= Pattern.CASE_INSENSITIVE;
        }
        if (term.has(Modifier.RE_MULTILINE)) {
            flags |= Pattern.MULTILINE;
        }
        if (term.has(Modifier.RE_DOTALL)) {
            flags |= Pattern.DOTALL;
        }
        try {
            return new ValuePattern.Regex(Pattern.compile(value.text(), flags));
        } catch (PatternSyntaxException e) {
            throw new RuleSyntaxException(value.location(), "invalid regular expression for " + term.describe()
                    + ": " + e.getMessage() + "; socd uses RE2 syntax (no look-around, no back-references)");
        }
    }
}
