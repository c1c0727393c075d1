package org.socd.rules;

import java.util.Locale;

/** Sigma rule levels, in increasing order of severity. */
public enum Level {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    /** The lower-case Sigma spelling, e.g. {@code high}. */
    public String sigmaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a Sigma level name, case-insensitively; throws {@link IllegalArgumentException} naming the accepted values. */
    public static Level parse(String text) {
        for (Level level : values()) {
            if (level.name().equalsIgnoreCase(text.trim())) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown level '" + text
                + "': expected one of informational, low, medium, high, critical");
    }
}
