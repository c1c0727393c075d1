package org.socd.rules.matching;

import java.util.List;

/** At least one operand holds (value lists, lists of mappings, {@code or}, {@code 1 of}). */
public record Disjunction(List<Matcher> operands) implements Matcher {

    public Disjunction {
        operands = List.copyOf(operands);
    }

    @Override
    public boolean matches(EventFields event) {
        for (Matcher operand : operands) {
            if (operand.matches(event)) {
                return true;
            }
        }
        return false;
    }
}
