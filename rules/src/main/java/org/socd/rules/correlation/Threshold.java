package org.socd.rules.correlation;

import java.util.Locale;

/**
 * One criterion of a correlation condition, e.g. {@code gte: 100}; a condition's criteria are ANDed.
 *
 * @param operator the comparison
 * @param value    what the aggregate (count, sum, average) is compared with
 */
public record Threshold(Operator operator, double value) {

    /** The Sigma comparison operators. */
    public enum Operator {
        GT, GTE, LT, LTE, EQ, NEQ;

        public String sigmaName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The operator spelled {@code name}, or null when there is none. */
        static Operator of(String name) {
            for (Operator operator : values()) {
                if (operator.sigmaName().equals(name)) {
                    return operator;
                }
            }
            return null;
        }
    }

    /** Whether {@code aggregate} satisfies this criterion. */
    public boolean test(double aggregate) {
        return switch (operator) {
            case GT -> aggregate > value;
            case GTE -> aggregate >= value;
            case LT -> aggregate < value;
            case LTE -> aggregate <= value;
            case EQ -> aggregate == value;
            case NEQ -> aggregate != value;
        };
    }
}
