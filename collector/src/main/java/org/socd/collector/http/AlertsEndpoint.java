package org.socd.collector.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.socd.correlator.alerts.AlertChange;
import org.socd.correlator.alerts.AlertPage;
import org.socd.correlator.alerts.AlertQuery;
import org.socd.correlator.alerts.AlertQueryException;
import org.socd.correlator.alerts.AlertStore;
import org.socd.correlator.alerts.AlertWorkflowException;

/**
 * The alert resources:
 * {@code GET /api/v1/alerts?q=QUERY&since=24h&from=ISO&to=ISO&limit=N&cursor=C} — search, newest first;
 * {@code GET /api/v1/alerts/{id}} — one alert;
 * {@code POST /api/v1/alerts/{id}/ack|close|assign|notes} — the analyst's changes.
 */
public final class AlertsEndpoint {

    public static final String PATH = "/api/v1/alerts";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = AlertQuery.MAX_LIMIT;

    private final AlertStore store;
    private final Clock clock;

    public AlertsEndpoint(AlertStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public ApiResponse search(ApiRequest request) {
        String q = request.parameter("q");
        TimeWindow window = TimeWindow.of(request, clock);
        int limit = limit(request);
        AlertPage page;
        try {
            page = store.search(new AlertQuery(q == null ? "" : q, window.from(), window.to(), limit,
                    request.parameter("cursor")));
        } catch (AlertQueryException e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, e.getMessage().startsWith("bad ")
                    ? e.getMessage().replaceFirst("^bad alert query", "bad query") : "bad query: " + e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", page.totalHits());
        body.put("alerts", page.alerts().stream().map(AlertJson::toJson).toList());
        body.put("next_cursor", page.nextCursor());
        return ApiResponse.ok(body);
    }

    public ApiResponse get(ApiRequest request) {
        String id = id(request);
        return store.get(id).map(a -> ApiResponse.ok(AlertJson.toJson(a)))
                .orElseThrow(() -> notFound(id));
    }

    public ApiResponse acknowledge(ApiRequest request) {
        return change(request, new AlertChange.Acknowledge());
    }

    public ApiResponse close(ApiRequest request) {
        return change(request, new AlertChange.Close(request.textField("resolution", true)));
    }

    public ApiResponse assign(ApiRequest request) {
        return change(request, new AlertChange.Assign(request.textField("assignee", false)));
    }

    public ApiResponse addNote(ApiRequest request) {
        return change(request, new AlertChange.AddNote(request.textField("text", true)));
    }

    private ApiResponse change(ApiRequest request, AlertChange change) {
        String id = id(request);
        try {
            return store.update(id, request.principal().name(), change)
                    .map(a -> ApiResponse.ok(AlertJson.toJson(a)))
                    .orElseThrow(() -> notFound(id));
        } catch (AlertWorkflowException e) {
            throw new ApiException(HttpResponseStatus.CONFLICT, e.getMessage());
        }
    }

    private static String id(ApiRequest request) {
        String id = request.pathParam("id");
        return id != null ? id : request.path().substring(PATH.length() + 1);
    }

    private static ApiException notFound(String id) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "no alert with id " + id
                + " — copy the id from 'soc alerts search' (the first 12 characters are not enough)");
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
