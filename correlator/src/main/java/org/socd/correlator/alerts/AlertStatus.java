package org.socd.correlator.alerts;

import java.util.Locale;

/**
 * Where an analyst is with an alert. JSON and queries spell the values in lower case
 * ({@code new}, {@code acknowledged}, {@code closed}), see {@link #jsonName()}.
 */
public enum AlertStatus {
    NEW, ACKNOWLEDGED, CLOSED;

    /** The lower-case spelling used in JSON and in queries such as {@code status:new}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a status name case-insensitively; the error lists the accepted values. */
    public static AlertStatus parse(String text) {
        for (AlertStatus status : values()) {
            if (status.name().equalsIgnoreCase(text.trim())) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown alert status '" + text
                + "': expected one of new, acknowledged, closed");
    }
}
