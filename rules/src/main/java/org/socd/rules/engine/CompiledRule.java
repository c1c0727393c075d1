package org.socd.rules.engine;

import org.socd.rules.RuleMatch;
import org.socd.rules.logsource.RuleLogsource;
import org.socd.rules.matching.Matcher;
import org.socd.rules.yaml.SourceLocation;

/**
 * A rule ready for evaluation.
 *
 * @param match     what to report when it matches (shared by every match: it is immutable)
 * @param logsource which events the rule applies to
 * @param matcher   the compiled detection
 * @param source    the file it came from
 */
public record CompiledRule(RuleMatch match, RuleLogsource logsource, Matcher matcher, SourceLocation source) {

    public String id() {
        return match.ruleId();
    }
}
