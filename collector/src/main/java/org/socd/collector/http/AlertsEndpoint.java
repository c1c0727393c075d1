package org.socd.collector.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.socd.correlator.alerts.AlertPage;
import org.socd.correlator.alerts.AlertQuery;
import org.socd.correlator.alerts.AlertQueryException;
import org.socd.correlator.alerts.AlertStore;

/**
 * {@code GET /api/v1/alerts?q=QUERY&since=24h&from=ISO&to=ISO&limit=N} — search, newest first;
 * {@code GET /api/v1/alerts/ID} — one alert.
 */
public final class AlertsEndpoint {

    public static final String PATH = "/api/v1/alerts";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    private final AlertStore store;
    private final Clock clock;

    public AlertsEndpoint(AlertStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public ApiResponse search(ApiRequest request) {
        String q = request.parameter("q");
        Instant from = instant(request, "from");
        Instant to = instant(request, "to");
        String since = request.parameter("since");
        if (since != null) {
            if (from != null) {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, "give either since or from, not both");
            }
            try {
                from = clock.instant().minus(RelativeTime.parse(since));
            } catch (IllegalArgumentException e) {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, "since: " + e.getMessage());
            }
        }
        int limit = limit(request);
        AlertPage page;
        try {
            page = store.search(new AlertQuery(q == null ? "" : q, from, to, limit));
        } catch (AlertQueryException e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad query: " + e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", page.totalHits());
        body.put("alerts", page.alerts().stream().map(AlertJson::toJson).toList());
        return ApiResponse.ok(body);
    }

    public ApiResponse get(ApiRequest request) {
        String id = request.path().substring(PATH.length() + 1);
        return store.get(id).map(a -> ApiResponse.ok(AlertJson.toJson(a)))
                .orElseThrow(() -> new ApiException(HttpResponseStatus.NOT_FOUND, "no alert with id " + id));
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

    private static int limit(ApiRequest request) {
        String v = request.parameter("limit");
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new ApiException(HttpResponseStatus.BAD_REQUEST, "limit must be a number from 1 to " + MAX_LIMIT + ", not '" + v + "'");
    }
}
