package org.socd.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** "3s ago", "5m ago", "2h ago", "4d ago": what an analyst scanning a table wants. */
public final class Ago {
    private Ago() {
    }

    public static String of(String iso, Instant now) {
        if (iso == null) {
            return null;
        }
        Instant t;
        try {
            t = Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return iso;
        }
        Duration d = Duration.between(t, now);
        if (d.isNegative()) {
            return "now";
        }
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s ago";
        }
        if (s < 3600) {
            return (s / 60) + "m ago";
        }
        if (s < 86400) {
            return (s / 3600) + "h ago";
        }
        return (s / 86400) + "d ago";
    }
}
