package org.socd.rules.engine;

import java.util.ArrayList;
import java.util.List;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;
import org.socd.rules.logsource.EventLogsource;
import org.socd.rules.logsource.LogsourceMapping;
import org.socd.rules.matching.EventFields;

/**
 * Evaluates a fixed set of compiled rules against events. Per event: the logsource index narrows
 * the rules to those of the event's logsources, then the pre-filter (one Aho-Corasick pass per
 * field over lower-cased values) to those whose required literals occur; only those are
 * evaluated. Immutable (apart from internal, thread-safe caches per kind of event) and
 * thread-safe: several pipeline threads call {@link #evaluate} concurrently; per-event state is
 * local to the call or to the calling thread (the pre-filter's reusable scan buffers).
 */
public final class RuleEngine {

    private final List<CompiledRule> rules;
    private final RuleIndex index;
    private final CompiledRule[] ruleArray;
    private final LogsourceMapping mapping;
    /** Each thread's scan state (pipeline shards, hunt workers): reused, so evaluation does not allocate it per event. */
    private final ThreadLocal<Prefilter.Scan> scans;

    private RuleEngine(List<? extends CompiledRule> rules, LogsourceMapping mapping) {
        this.rules = List.copyOf(rules);
        this.ruleArray = this.rules.toArray(new CompiledRule[0]);
        this.index = new RuleIndex(this.rules);
        this.mapping = mapping;
        Prefilter prefilter = index.prefilter();
        this.scans = ThreadLocal.withInitial(prefilter::newScan);
    }

    /** An engine over {@code rules} with socd's bundled logsource mapping. */
    public static RuleEngine of(List<? extends CompiledRule> rules) {
        return new RuleEngine(rules, LogsourceMapping.defaults());
    }

    /** An engine over {@code rules} with a custom logsource mapping. */
    public static RuleEngine of(List<? extends CompiledRule> rules, LogsourceMapping mapping) {
        return new RuleEngine(rules, mapping);
    }

    /**
     * The rules that match {@code event}, in load order; an empty
     * shared list when none does, so the common case allocates no result.
     */
    public List<RuleMatch> evaluate(Event event) {
        EventFields fields = new EventFields(event);
        EventLogsource logsource = mapping.derive(fields);
        fields.useAliases(logsource.fieldAliases());
        RuleIndex.Candidates candidates = index.candidates(logsource);
        if (candidates.isEmpty()) {
            return List.of();
        }
        Prefilter prefilter = index.prefilter();
        Prefilter.Scan scan = scans.get();
        prefilter.scan(fields, candidates.literalIndexes(), scan);
        long[] inLogsource = candidates.rules();
        long[] always = candidates.alwaysEvaluate();
        List<RuleMatch> matches = null;
        // Ascending rule numbers are load order, so matches come out in load order.
        for (int w = 0; w < inLogsource.length; w++) {
            // A rule needs a hit in each of its clauses, unless it has no literal at all.
            long word = (prefilter.passed(scan, w) | always[w]) & inLogsource[w];
            while (word != 0) {
                CompiledRule rule = ruleArray[(w << 6) + Long.numberOfTrailingZeros(word)];
                word &= word - 1;
                if (rule.matcher().matches(fields)) {
                    if (matches == null) {
                        matches = new ArrayList<>(2);
                    }
                    matches.add(rule.match());
                }
            }
        }
        return matches == null ? List.of() : List.copyOf(matches);
    }

    /** The logsources {@code event} belongs to, for tools that explain why a rule did not fire. */
    public EventLogsource logsourceOf(Event event) {
        return mapping.derive(new EventFields(event));
    }

    public int size() {
        return rules.size();
    }

    /** The rules, in load order. */
    public List<CompiledRule> rules() {
        return rules;
    }
}
