package org.socd.rules.sigma;

import java.util.Locale;
import java.util.Optional;

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
    EXISTS("exists"),
    /** The field differs from every value (an absent field differs too). */
    NEQ("neq"),
    /** Command-line flags: a {@code -} or {@code /} before a word also matches {@code - / – — ―}. */
    WINDASH("windash"),
    /** The value is Base64-encoded before matching. */
    BASE64("base64"),
    /** The three Base64 forms of the value at byte offsets 0, 1, 2 of a longer encoded text. */
    BASE64OFFSET("base64offset"),
    /** The value is encoded as UTF-16 little endian (before base64). */
    UTF16LE("utf16le"),
    /** The value is encoded as UTF-16 big endian. */
    UTF16BE("utf16be"),
    /** The value is encoded as UTF-16 little endian with a byte order mark. */
    UTF16("utf16"),
    /** Alias of {@code utf16le}. */
    WIDE("wide"),
    /** Numeric: field &lt; value. */
    LT("lt"),
    /** Numeric: field &lt;= value. */
    LTE("lte"),
    /** Numeric: field &gt; value. */
    GT("gt"),
    /** Numeric: field &gt;= value. */
    GTE("gte"),
    /** The value is an IPv4 or IPv6 network in CIDR notation. */
    CIDR("cidr"),
    /** {@code %name%} placeholders in the value are replaced by the configured values. */
    EXPAND("expand"),
    /** The value names another field of the same event to compare with. */
    FIELDREF("fieldref"),
    /** Time part of a date field: minute 0-59. */
    MINUTE("minute"),
    /** Time part of a date field: hour 0-23. */
    HOUR("hour"),
    /** Time part of a date field: day of month 1-31. */
    DAY("day"),
    /** Time part of a date field: ISO week 1-53. */
    WEEK("week"),
    /** Time part of a date field: month 1-12. */
    MONTH("month"),
    /** Time part of a date field: year. */
    YEAR("year");

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

    /** Whether this modifier compares numbers. */
    public boolean isComparison() {
        return this == LT || this == LTE || this == GT || this == GTE;
    }

    /** Whether this modifier extracts a part of a date. */
    public boolean isTimePart() {
        return this == MINUTE || this == HOUR || this == DAY || this == WEEK || this == MONTH || this == YEAR;
    }

    /** Whether this modifier re-encodes the value's bytes. */
    public boolean isEncoding() {
        return this == BASE64 || this == BASE64OFFSET || this == UTF16LE || this == UTF16BE
                || this == UTF16 || this == WIDE;
    }

    /** Whether this modifier only makes sense after {@code re}. */
    public boolean isRegexFlag() {
        return this == RE_IGNORE_CASE || this == RE_MULTILINE || this == RE_DOTALL;
    }
}
