package org.socd.collector.http;

import java.time.Duration;

/**
 * Parses the short durations analysts type: {@code 90s}, {@code 15m}, {@code 24h}, {@code 7d},
 * {@code 2w}.
 */
public final class RelativeTime {
    private RelativeTime() {
    }

    /** @throws IllegalArgumentException with the accepted form when {@code text} is not one */
    public static Duration parse(String text) {
        String t = text.trim();
        if (t.length() < 2) {
            throw invalid(text);
        }
        long amount;
        try {
            amount = Long.parseLong(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        if (amount < 0) {
            throw invalid(text);
        }
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            case 'w' -> Duration.ofDays(amount * 7);
            default -> throw invalid(text);
        };
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration: use a number and a unit s, m, h, d or w, e.g. 24h or 7d");
    }
}
