package org.socd.correlator.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * A triage note on an alert.
 *
 * @param at     when it was written
 * @param author who wrote it (the API token's name)
 * @param text   what they wrote
 */
public record Note(Instant at, String author, String text) {
    public Note {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
    }
}
