package org.socd.rules.compile;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.socd.rules.matching.Comparison;
import org.socd.rules.matching.Conjunction;
import org.socd.rules.matching.DateParts;
import org.socd.rules.matching.Disjunction;
import org.socd.rules.matching.FieldMatcher;
import org.socd.rules.matching.FieldPresence;
import org.socd.rules.matching.FieldReference;
import org.socd.rules.matching.IpAddresses;
import org.socd.rules.matching.KeywordMatcher;
import org.socd.rules.matching.Matcher;
import org.socd.rules.matching.Negation;
import org.socd.rules.matching.Numbers;
import org.socd.rules.matching.ValuePattern;
import org.socd.rules.sigma.FieldTerm;
import org.socd.rules.sigma.Modifier;
import org.socd.rules.sigma.SigmaString;
import org.socd.rules.yaml.RuleSyntaxException;
import org.socd.rules.yaml.YamlNode;

/**
 * Compiles one {@code field|modifiers: values} term (or a keyword list) into a matcher. Each value
 * becomes one or more patterns (ORed: {@code windash}, {@code base64offset} and {@code expand}
 * produce variants); the values are ORed, or ANDed with {@code all}; {@code neq} negates the term.
 */
final class TermCompiler {

    private TermCompiler() {}

    static Matcher compile(FieldTerm term, Placeholders placeholders) {
        if (term.has(Modifier.EXISTS)) {
            return new FieldPresence(term.field(), (Boolean) term.values().get(0).value());
        }
        Matcher matcher = term.has(Modifier.FIELDREF) ? fieldReferences(term) : values(term, placeholders);
        return term.has(Modifier.NEQ) ? new Negation(matcher) : matcher;
    }

    private static Matcher values(FieldTerm term, Placeholders placeholders) {
        List<List<ValuePattern>> perValue = new ArrayList<>();
        boolean absentAllowed = false;
        for (YamlNode.Scalar value : term.values()) {
            if (value.isNull()) {
                absentAllowed = true;
            } else {
                perValue.add(patterns(term, value, placeholders));
            }
        }
        boolean all = term.has(Modifier.ALL);
        if (term.isKeyword()) {
            if (all) {
                List<Matcher> each = new ArrayList<>();
                perValue.forEach(p -> each.add(new KeywordMatcher(p, false)));
                return each.size() == 1 ? each.get(0) : new Conjunction(each);
            }
            return new KeywordMatcher(flatten(perValue), false);
        }
        FieldPresence absent = new FieldPresence(term.field(), false);
        if (perValue.isEmpty()) {
            return absent;
        }
        Matcher matcher;
        if (all && perValue.stream().anyMatch(p -> p.size() > 1)) {
            // Each value is an OR of its variants; the values are ANDed.
            List<Matcher> each = new ArrayList<>();
            perValue.forEach(p -> each.add(new FieldMatcher(term.field(), p, false)));
            matcher = new Conjunction(each);
        } else {
            matcher = new FieldMatcher(term.field(), flatten(perValue), all);
        }
        return absentAllowed ? new Disjunction(List.of(matcher, absent)) : matcher;
    }

    private static List<ValuePattern> flatten(List<List<ValuePattern>> perValue) {
        List<ValuePattern> all = new ArrayList<>();
        perValue.forEach(all::addAll);
        return all;
    }

    private static List<ValuePattern> patterns(FieldTerm term, YamlNode.Scalar value, Placeholders placeholders) {
        if (term.has(Modifier.CIDR)) {
            return List.of(cidr(term, value));
        }
        Modifier timePart = term.modifiers().stream().filter(Modifier::isTimePart).findFirst().orElse(null);
        Modifier comparison = term.modifiers().stream().filter(Modifier::isComparison).findFirst().orElse(null);
        if (timePart != null) {
            double number = number(term, value);
            return List.of(new ValuePattern.TimePart(DateParts.Part.valueOf(timePart.name()),
                    comparison(comparison), (long) number));
        }
        if (comparison != null) {
            return List.of(new ValuePattern.Numeric(comparison(comparison), number(term, value)));
        }
        if (term.has(Modifier.RE)) {
            return List.of(regex(term, value));
        }
        List<String> texts;
        if (term.has(Modifier.EXPAND) && value.value() instanceof String text) {
            String[] missing = new String[1];
            texts = ValueTransforms.expand(text, placeholders, missing);
            if (missing[0] != null) {
                throw new RuleSyntaxException(value.location(), "placeholder '%" + missing[0] + "%' of "
                        + term.describe() + " has no values configured; define it in the placeholder file "
                        + "(placeholders: {" + missing[0] + ": [...]}) or remove the rule");
            }
        } else {
            texts = null;
        }
        List<ValueTransforms.Value> current = new ArrayList<>();
        if (texts != null) {
            texts.forEach(t -> current.add(new ValueTransforms.Value(SigmaString.parse(t), false)));
        } else {
            // Only YAML strings carry wildcards and escapes; 4625 or true are plain literals.
            SigmaString sigma = value.value() instanceof String text ? SigmaString.parse(text) : SigmaString.literal(value.text());
            current.add(new ValueTransforms.Value(sigma, false));
        }
        List<ValueTransforms.Value> values = current;
        for (Modifier modifier : term.modifiers()) {
            values = transform(term, value, modifier, values);
        }
        List<ValuePattern> patterns = new ArrayList<>();
        for (ValueTransforms.Value v : values) {
            SigmaString sigma = v.text();
            if (term.has(Modifier.CONTAINS) || term.isKeyword()) {
                sigma = sigma.prependAnySequence().appendAnySequence();
            } else if (term.has(Modifier.STARTSWITH)) {
                sigma = sigma.appendAnySequence();
            } else if (term.has(Modifier.ENDSWITH)) {
                sigma = sigma.prependAnySequence();
            }
            ValuePattern pattern = PatternCompiler.compile(sigma, term.has(Modifier.CASED));
            if (!patterns.contains(pattern)) {
                patterns.add(pattern);
            }
        }
        return patterns;
    }

    private static List<ValueTransforms.Value> transform(FieldTerm term, YamlNode.Scalar at, Modifier modifier,
                                                         List<ValueTransforms.Value> values) {
        List<ValueTransforms.Value> out = new ArrayList<>();
        for (ValueTransforms.Value value : values) {
            switch (modifier) {
                case WINDASH -> ValueTransforms.windash(value.text())
                        .forEach(s -> out.add(new ValueTransforms.Value(s, value.bytes())));
                case UTF16LE, WIDE -> out.add(ValueTransforms.utf16(value, false, false));
                case UTF16BE -> out.add(ValueTransforms.utf16(value, true, false));
                case UTF16 -> out.add(ValueTransforms.utf16(value, false, true));
                case BASE64 -> out.add(new ValueTransforms.Value(
                        SigmaString.literal(ValueTransforms.base64(plainBytes(term, at, value, modifier))), false));
                case BASE64OFFSET -> ValueTransforms.base64Offsets(plainBytes(term, at, value, modifier))
                        .forEach(s -> out.add(new ValueTransforms.Value(SigmaString.literal(s), false)));
                default -> out.add(value);
            }
        }
        return out;
    }

    private static byte[] plainBytes(FieldTerm term, YamlNode.Scalar at, ValueTransforms.Value value, Modifier modifier) {
        if (!value.text().isPlain()) {
            throw new RuleSyntaxException(at.location(), "'" + modifier.sigmaName() + "' of " + term.describe()
                    + " cannot encode wildcards or windash variants; write the plain text and add '|contains'");
        }
        if (value.text().parts().isEmpty()) {
            throw new RuleSyntaxException(at.location(), "'" + modifier.sigmaName() + "' of " + term.describe()
                    + " needs a non-empty value");
        }
        return ValueTransforms.bytes(value);
    }

    private static Comparison comparison(Modifier modifier) {
        if (modifier == null) {
            return Comparison.EQ;
        }
        return switch (modifier) {
            case LT -> Comparison.LT;
            case LTE -> Comparison.LTE;
            case GT -> Comparison.GT;
            default -> Comparison.GTE;
        };
    }

    private static double number(FieldTerm term, YamlNode.Scalar value) {
        if (value.value() instanceof Number n) {
            return n.doubleValue();
        }
        Double parsed = value.value() instanceof String s ? Numbers.parse(s) : null;
        if (parsed == null) {
            throw new RuleSyntaxException(value.location(), "'" + value.text() + "' of " + term.describe()
                    + " is not a number; numeric and time modifiers (lt, lte, gt, gte, minute, ..., year) compare numbers");
        }
        return parsed;
    }

    private static ValuePattern cidr(FieldTerm term, YamlNode.Scalar value) {
        String text = value.text().strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = IpAddresses.parse(address);
        int bits = -1;
        if (bytes != null) {
            if (slash < 0) {
                bits = bytes.length * 8;
            } else {
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
            }
        }
        if (bytes == null || bits < 0 || bits > bytes.length * 8) {
            throw new RuleSyntaxException(value.location(), "'" + text + "' of " + term.describe()
                    + " is not a network in CIDR notation; write e.g. 10.0.0.0/8 or fe80::/10");
        }
        return new ValuePattern.Cidr(text, bytes, bits);
    }

    private static Matcher fieldReferences(FieldTerm term) {
        FieldReference.Position position = term.has(Modifier.CONTAINS) ? FieldReference.Position.CONTAINS
                : term.has(Modifier.STARTSWITH) ? FieldReference.Position.PREFIX
                : term.has(Modifier.ENDSWITH) ? FieldReference.Position.SUFFIX
                : FieldReference.Position.EXACT;
        List<Matcher> references = new ArrayList<>();
        for (YamlNode.Scalar value : term.values()) {
            if (value.isNull() || value.text().isBlank()) {
                throw new RuleSyntaxException(value.location(), "'fieldref' of " + term.describe()
                        + " needs the name of another field as its value");
            }
            references.add(new FieldReference(term.field(), value.text(), position, term.has(Modifier.CASED)));
        }
        if (references.size() == 1) {
            return references.get(0);
        }
        return term.has(Modifier.ALL) ? new Conjunction(references) : new Disjunction(references);
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
            Pattern pattern = Pattern.compile(value.text(), flags);
            List<String> required = RegexLiterals.alternatives(value.text());
            return new ValuePattern.Regex(pattern, required == null ? List.of() : required,
                    RegexLength.minimum(value.text()), RegexAtoms.longestRun(value.text()));
        } catch (PatternSyntaxException e) {
            throw new RuleSyntaxException(value.location(), "invalid regular expression for " + term.describe()
                    + ": " + e.getMessage() + "; socd uses RE2 syntax (no look-around, no back-references)");
        }
    }
}
