package org.socd.rules.matching;

import java.util.List;

/** Every operand holds (a Sigma mapping, {@code and}, {@code all of}). */
public record Conjunction(List<Matcher> operands) implements Matcher {

    public Conjunction {
        operands = List.copyOf(operands);
    }

    @Override
    public boolean matches(EventFields event) {
        // Indexed, not an iterator: this runs for every candidate rule of every event.
        for (int i = 0; i < operands.size(); i++) {
            if (!operands.get(i).matches(event)) {
                return false;
            }
        }
        return true;
    }
}
