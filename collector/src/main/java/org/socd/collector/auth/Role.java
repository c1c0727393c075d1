package org.socd.collector.auth;

import java.util.Locale;

/**
 * What an API token may do. Each role includes the ones before it: an analyst can do what a
 * viewer can, an admin what an analyst can.
 */
public enum Role {
    /** Read alerts, stats, status and the live stream. */
    VIEWER,
    /** Also acknowledge, close, assign and annotate alerts. */
    ANALYST,
    /** Also rules, agents and tokens. */
    ADMIN;

    /** True when a holder of this role may do what {@code needed} may. */
    public boolean includes(Role needed) {
        return ordinal() >= needed.ordinal();
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code viewer}, {@code analyst} or {@code admin}, any case. */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (text != null && r.name().equalsIgnoreCase(text.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "': use viewer, analyst or admin");
    }
}
