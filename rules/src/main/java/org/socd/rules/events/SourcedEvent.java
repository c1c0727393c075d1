package org.socd.rules.events;

import org.socd.protocol.event.Event;

/**
 * One event read from a file, with where it came from.
 *
 * @param event  the normalized event (evtx records flattened, JSON as is, syslog parsed)
 * @param source {@code FILE:LINE} of the line or of the first line of a multi-line JSON object
 */
public record SourcedEvent(Event event, String source) {}
