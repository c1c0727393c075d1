package org.socd.cli.correlation;

import java.time.Instant;
import java.util.List;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;
import org.socd.rules.correlation.CorrelationEngine;
import org.socd.rules.correlation.CorrelationLimits;
import org.socd.rules.correlation.CorrelationMatch;
import org.socd.rules.correlation.CorrelationMetrics;
import org.socd.rules.correlation.EventTime;
import org.socd.rules.pack.LoadedRules;

/**
 * The correlation state of one offline run ({@code soc hunt}, {@code soc rules test},
 * {@code soc logtest}): events in the order they are read, each identified by where it came
 * from ({@code FILE:LINE}). An event without a readable timestamp takes the time of the event
 * before it: offline there is no receive time that would mean anything.
 */
public final class OfflineCorrelation {

    private final CorrelationEngine engine;
    private Instant lastTime = Instant.EPOCH;

    public OfflineCorrelation(LoadedRules loaded) {
        this.engine = new CorrelationEngine(loaded.correlations(), CorrelationLimits.DEFAULTS, CorrelationMetrics.NONE);
    }

    /** Feeds one event's rule matches to the correlations; returns those that fired on it. */
    public List<CorrelationMatch> offer(List<RuleMatch> matches, Event event, String source) {
        lastTime = EventTime.of(event, lastTime);
        return engine.offer(matches, event, source, lastTime);
    }
}
