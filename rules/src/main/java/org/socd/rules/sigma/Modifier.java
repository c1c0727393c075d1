package org.socd.rules.sigma;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Sigma value modifiers socd evaluates. A closed set: a modifier that is not listed here is
 * rejected when the rule is read, never ignored, because ignoring e.g. {@code base64} would make a
 * rule silently match the wrong thing.
 */
public enum Modifier {
    /** Wraps the value in {@code *} wildcards. */
    CONTAINS("contains"),
    /** Appends a {@code *} wildcard. */
    STARTSWITH("startswith"),
    /** Prepends a {@code *} wildcard. */
    ENDSWITH("endswith"),
    /** Links a list of values with AND instead of OR. */
    ALL("all"),
    /** The value is an RE2 regular expression, found anywhere in the field, case-sensitive. */
    RE("re"),
    /** {@code re} sub-modifier: case-insensitive regular expression. */
    RE_IGNORE_CASE("i"),
    /** {@code re} sub-modifier: {@code ^} and {@code $} match at line breaks. */
    RE_MULTILINE("m"),
    /** {@code re} sub-modifier: {@code .} matches line breaks too. */
    RE_DOTALL("s"),
    /** Compare case-sensitively instead of Sigma's case-insensitive default. */
    CASED("cased"),
    /** The value is a boolean: the field must (true) or must not (false) be present. */
    EXISTS("exists");

    /** Modifiers of the Sigma specification that socd does not evaluate yet. */
    private static final Set<String> SPECIFIED_NOT_SUPPORTED = Set.of(
            "base64", "base64offset", "utf16le", "utf16be", "utf16", "wide", "windash",
            "lt", "lte", "gt", "gte", "neq", "cidr", "expand", "fieldref",
            "minute", "hour", "day", "week", "month", "year");

    private final String sigmaName;

    Modifier(String sigmaName) {
        this.sigmaName = sigmaName;
    }

    /** The spelling in rule files, e.g. {@code contains}. */
    public String sigmaName() {
        return sigmaName;
    }

    /** The modifier spelled {@code name} (case-insensitively), if socd supports it. */
    public static Optional<Modifier> bySigmaName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Modifier modifier : values()) {
            if (modifier.sigmaName.equals(lower)) {
                return Optional.of(modifier);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code name} is a modifier of the Sigma specification that socd does not support yet. */
    public static boolean isSpecifiedButUnsupported(String name) {
        return SPECIFIED_NOT_SUPPORTED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Whether this modifier only makes sense after {@code re}. */
    public boolean isRegexFlag() {
        return this == RE_IGNORE_CASE || this == RE_MULTILINE || this == RE_DOTALL;
    }
}
