package org.socd.rules.pack;

import java.util.List;
import org.socd.rules.engine.RuleEngine;

/**
 * The outcome of loading rules: an engine over every rule that compiled, and an error for every
 * file that did not.
 */
public record LoadedRules(RuleEngine engine, List<RuleError> errors) {

    public LoadedRules {
        errors = List.copyOf(errors);
    }

    /** How many rules the engine evaluates. */
    public int ruleCount() {
        return engine.size();
    }
}
