package org.socd.rules.matching;

import java.util.List;

/** At least one operand holds (value lists, lists of mappings, {@code or}, {@code 1 of}). */
public record Disjunction(List<Matcher> operands) implements Matcher {

    public Disjunction {
        operands = List.copyOf(operands);
    }

    @Override
    public boolean matches(EventFields event) {
        // Indexed, not an iterator: this runs for every candidate rule of every event.
        for (int i = 0; i < operands.size(); i++) {
            if (operands.get(i).matches(event)) {
                return true;
            }
        }
        return false;
    }
}
