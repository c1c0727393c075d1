package org.socd.correlator.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Counts of the alerts matching a query in a detection window, grouped by one field, plus a
 * histogram over the window.
 *
 * @param query    Lucene syntax as in {@link AlertQuery}; blank means all
 * @param from     window start (inclusive)
 * @param to       window end (exclusive)
 * @param groupBy  what to count by
 * @param top      how many groups to return, largest first
 * @param interval histogram bucket width
 */
public record StatsQuery(String query, Instant from, Instant to, GroupBy groupBy, int top, Duration interval) {

    /** The most histogram buckets one request may ask for. */
    public static final int MAX_BUCKETS = 10_000;

    public StatsQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(groupBy, "groupBy");
        Objects.requireNonNull(interval, "interval");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("stats window is empty: 'to' (" + to + ") must be after 'from' (" + from + ")");
        }
        if (top < 1 || top > 1000) {
            throw new IllegalArgumentException("top must be between 1 and 1000, got " + top);
        }
        if (interval.toMillis() < 1000) {
            throw new IllegalArgumentException("histogram interval must be at least 1s, got " + interval);
        }
        if (Duration.between(from, to).toMillis() / interval.toMillis() > MAX_BUCKETS) {
            throw new IllegalArgumentException("histogram of " + Duration.between(from, to) + " in steps of " + interval
                    + " has more than " + MAX_BUCKETS + " buckets; choose a larger interval");
        }
    }

    /** A bucket width giving about 48 bars over the window, rounded to a readable step. */
    public static Duration autoInterval(Instant from, Instant to) {
        long span = Duration.between(from, to).toMillis();
        for (Duration step : new Duration[] {Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
                Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1)}) {
            if (span / step.toMillis() <= 48) {
                return step;
            }
        }
        return Duration.ofDays(Math.max(1, span / Duration.ofDays(48).toMillis() + 1));
    }

    /** The fields stats can count by. */
    public enum GroupBy {
        RULE(AlertDocuments.RULE_ID), HOST(AlertDocuments.HOST), LEVEL(AlertDocuments.LEVEL),
        TACTIC(AlertDocuments.TACTICS);

        final String field;

        GroupBy(String field) {
            this.field = field;
        }

        /** Parses {@code rule}, {@code host}, {@code level} or {@code tactic}. */
        public static GroupBy parse(String text) {
            for (GroupBy g : values()) {
                if (g.name().equalsIgnoreCase(text.trim())) {
                    return g;
                }
            }
            throw new IllegalArgumentException("cannot group by '" + text + "': use rule, host, level or tactic");
        }

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
