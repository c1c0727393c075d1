package org.socd.rules.pack;

import java.util.List;
import java.util.Objects;
import org.socd.rules.correlation.Correlations;
import org.socd.rules.engine.RuleEngine;
import org.socd.rules.logsource.LogsourceMapping;

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

    /**
     * The same rules and correlations under another logsource mapping; correlations then read
     * group-by and value fields through that mapping too, as the rules do.
     */
    public LoadedRules withMapping(LogsourceMapping mapping) {
        RuleEngine mapped = RuleEngine.of(engine.rules(), mapping);
        return new LoadedRules(mapped, errors, correlations.readingFieldsAsIn(mapped));
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
