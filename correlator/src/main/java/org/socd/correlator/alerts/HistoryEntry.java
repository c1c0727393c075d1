package org.socd.correlator.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * One change an analyst made to an alert.
 *
 * @param at     when
 * @param by     who (the API token's name)
 * @param action {@code acknowledged}, {@code closed}, {@code assigned} or {@code noted}
 * @param detail the resolution, assignee or note text; empty when the action says it all
 */
public record HistoryEntry(Instant at, String by, String action, String detail) {
    public HistoryEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(action, "action");
        detail = detail == null ? "" : detail;
    }
}
