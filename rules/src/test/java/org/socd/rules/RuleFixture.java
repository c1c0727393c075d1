package org.socd.rules;

import java.util.List;
import java.util.Map;
import org.socd.protocol.event.Event;
import org.socd.rules.compile.RuleCompiler;
import org.socd.rules.engine.RuleEngine;

/** Builds one-rule engines from a detection block, for tests of matching semantics. */
public final class RuleFixture {

    private RuleFixture() {}

    /** A complete rule around {@code detection} (YAML at column 0) that applies to every event. */
    public static String rule(String detection) {
        return "title: test rule\nid: test-rule\nlevel: low\nlogsource: {}\ndetection:\n" + detection.indent(4);
    }

    public static RuleEngine engine(String detection) {
        return RuleEngine.of(List.of(RuleCompiler.compile(rule(detection), "test.yml")));
    }

    /** Whether the rule with {@code detection} matches an event made of {@code fields}. */
    public static boolean matches(String detection, Map<String, ?> fields) {
        return !engine(detection).evaluate(Event.of(fields)).isEmpty();
    }
}
