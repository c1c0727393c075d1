package org.socd.rules.pack;

import java.util.List;
import java.util.Objects;
import org.socd.rules.correlation.Correlations;
import org.socd.rules.engine.RuleEngine;

/**
 * The outcome of loading rules: an engine over every rule that compiled, the correlations that
 * resolved, and an error for every document that did not.
 */
public record LoadedRules(RuleEngine engine, List<RuleError> errors, Correlations correlations) {

    public LoadedRules {
        errors = List.copyOf(errors);
        Objects.requireNonNull(correlations, "correlations");
    }

    /** Rules without correlations. */
    public LoadedRules(RuleEngine engine, List<RuleError> errors) {
        this(engine, errors, Correlations.none());
    }

    /** How many rules the engine evaluates. */
    public int ruleCount() {
        return engine.size();
    }

    /** How many correlation rules are evaluated. */
    public int correlationCount() {
        return correlations.size();
    }
}
