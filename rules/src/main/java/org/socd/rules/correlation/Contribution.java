package org.socd.rules.correlation;

import java.time.Instant;
import org.socd.protocol.event.Event;

/**
 * One event that contributed to a correlation match.
 *
 * @param eventId the event's id (for the daemon, derived from its journal record; for a chained
 *                correlation, the inner match's id)
 * @param time    its event time
 * @param event   the event
 */
public record Contribution(String eventId, Instant time, Event event) {}
