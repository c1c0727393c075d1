package org.socd.correlator.pipeline;

import java.util.List;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;

/**
 * Finds the rules one event matches. Runs on the shard threads; one instance is shared
 * by all shards, so it must be thread-safe. Returns an empty list, never null, when nothing
 * matches.
 */
@FunctionalInterface
public interface Detector {
    List<RuleMatch> detect(Event event);
}
