package org.socd.correlator.alerts;

import java.time.Instant;

/**
 * A search for alerts.
 *
 * @param query  Lucene classic query syntax over the alert fields ({@code host:pc-01*},
 *               {@code level:high AND tags:attack.t1110}, {@code src_ip:10.0.0.0/8}, free text
 *               searches {@code message} and {@code rule_title}); blank or null means all alerts
 * @param from   only alerts detected at or after this instant, or null
 * @param to     only alerts detected before this instant (exclusive), or null
 * @param limit  how many alerts to return, 1 to {@value #MAX_LIMIT}
 * @param cursor the {@link AlertPage#nextCursor()} of the previous page, or null for the first
 */
public record AlertQuery(String query, Instant from, Instant to, int limit, String cursor) {

    /** The largest page one search returns; larger pages belong to an export, not a search. */
    public static final int MAX_LIMIT = 10_000;

    public AlertQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("alert query limit must be between 1 and " + MAX_LIMIT
                    + ", got " + limit);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("alert query 'to' (" + to + ") is before 'from' (" + from
                    + "); swap them");
        }
        if (cursor != null && cursor.isBlank()) {
            cursor = null;
        }
    }

    /** The first page. */
    public AlertQuery(String query, Instant from, Instant to, int limit) {
        this(query, from, to, limit, null);
    }

    /** All alerts, newest first, at most {@code limit}. */
    public static AlertQuery all(int limit) {
        return new AlertQuery("", null, null, limit);
    }
}
