package org.socd.rules.matching;

import java.util.List;

/** Every operand holds (a Sigma mapping, {@code and}, {@code all of}). */
public record Conjunction(List<Matcher> operands) implements Matcher {

    public Conjunction {
        operands = List.copyOf(operands);
    }

    @Override
    public boolean matches(EventFields event) {
        for (Matcher operand : operands) {
            if (!operand.matches(event)) {
                return false;
            }
        }
        return true;
    }
}
