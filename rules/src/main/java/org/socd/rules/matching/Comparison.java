package org.socd.rules.matching;

/** How a field's number compares to the rule's: Sigma's {@code lt}, {@code lte}, {@code gt}, {@code gte}, or equality. */
public enum Comparison {
    EQ, LT, LTE, GT, GTE;

    /** Whether the comparison holds given {@code compare(field, bound)}'s sign. */
    public boolean holds(int sign) {
        return switch (this) {
            case EQ -> sign == 0;
            case LT -> sign < 0;
            case LTE -> sign <= 0;
            case GT -> sign > 0;
            case GTE -> sign >= 0;
        };
    }
}
