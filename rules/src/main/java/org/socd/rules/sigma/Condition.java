package org.socd.rules.sigma;

import java.util.List;

/** The abstract syntax of a Sigma condition expression. */
public sealed interface Condition
        permits Condition.And, Condition.Or, Condition.Not, Condition.Identifier, Condition.Quantified {

    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    record Not(Condition operand) implements Condition {}

    /** A reference to one search identifier by name. */
    record Identifier(String name) implements Condition {}

    /**
     * {@code 1 of pattern} or {@code all of pattern}; {@code pattern} is {@code null} for {@code them}.
     * Patterns use {@code *} wildcards over identifier names.
     */
    record Quantified(Quantifier quantifier, String pattern) implements Condition {
        public boolean isThem() {
            return pattern == null;
        }
    }

    /** How many of the matched identifiers must hold. */
    enum Quantifier { ONE, ALL }
}
