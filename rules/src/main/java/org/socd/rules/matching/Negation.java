package org.socd.rules.matching;

/** The operand does not hold ({@code not}). */
public record Negation(Matcher operand) implements Matcher {

    @Override
    public boolean matches(EventFields event) {
        return !operand.matches(event);
    }
}
