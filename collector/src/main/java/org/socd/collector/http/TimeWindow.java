package org.socd.collector.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The detection window of a request: {@code since=24h}, or {@code from}/{@code to} as ISO-8601
 * instants. Either bound may be missing (null).
 */
record TimeWindow(Instant from, Instant to, Instant now) {

    static TimeWindow of(ApiRequest request, Clock clock) {
        // One reading of the clock, so "since=1h" is exactly one hour wide.
        Instant now = clock.instant();
        Instant from = instant(request, "from");
        Instant to = instant(request, "to");
        String since = request.parameter("since");
        if (since != null) {
            if (from != null) {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, "give either since or from, not both");
            }
            try {
                from = now.minus(RelativeTime.parse(since));
            } catch (IllegalArgumentException e) {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, "since: " + e.getMessage());
            }
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "to (" + to + ") is before from (" + from + "); swap them");
        }
        return new TimeWindow(from, to, now);
    }

    /** The window with defaults filled in: {@code to} now, {@code from} {@code fallback} before it. */
    TimeWindow closed(Duration fallback) {
        Instant end = to != null ? to : now;
        Instant start = from != null ? from : end.minus(fallback);
        if (!end.isAfter(start)) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "the window from " + start + " to " + end + " is empty");
        }
        return new TimeWindow(start, end, now);
    }

    private static Instant instant(ApiRequest request, String name) {
        String v = request.parameter(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST,
                    name + ": '" + v + "' is not an ISO-8601 instant such as 2026-11-26T08:00:00Z");
        }
    }
}
