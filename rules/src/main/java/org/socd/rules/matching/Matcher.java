package org.socd.rules.matching;

/**
 * Answers one question about one event: does this part of a rule hold? Implementations are
 * immutable and thread-safe; per-event state lives in {@link EventFields}.
 */
public interface Matcher {

    boolean matches(EventFields event);
}
