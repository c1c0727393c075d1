package org.socd.rules.correlation;

import java.util.Locale;

/**
 * The Sigma 2.1 correlation types socd evaluates. {@code value_percentile} and
 * {@code value_median} are not among them: the specification does not say what is compared with
 * the threshold (a percentile of the field's values, or the percentage of events holding a value),
 * and a guess would silently give wrong alerts; the parser rejects them with that reason.
 */
public enum CorrelationType {
    /** Events of the referenced rules in the window, per group. */
    EVENT_COUNT,
    /** Distinct values of {@code field} among those events. */
    VALUE_COUNT,
    /** Distinct referenced rules that matched in the window, in any order. */
    TEMPORAL,
    /** Every referenced rule matched, in the order listed, within the window. */
    TEMPORAL_ORDERED,
    /** Sum of the numeric {@code field} over the window. */
    VALUE_SUM,
    /** Average of the numeric {@code field} over the window. */
    VALUE_AVG;

    /** The Sigma spelling, e.g. {@code event_count}. */
    public String sigmaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the type reads a value from {@code condition.field}. */
    public boolean needsField() {
        return this == VALUE_COUNT || this == VALUE_SUM || this == VALUE_AVG;
    }

    /** Whether the type is about which rules matched rather than a count or value. */
    public boolean temporal() {
        return this == TEMPORAL || this == TEMPORAL_ORDERED;
    }
}
