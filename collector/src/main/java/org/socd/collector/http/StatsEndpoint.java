package org.socd.collector.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.socd.correlator.alerts.AlertQueryException;
import org.socd.correlator.alerts.AlertStats;
import org.socd.correlator.alerts.AlertStore;
import org.socd.correlator.alerts.StatsQuery;

/**
 * {@code GET /api/v1/alerts/stats?by=rule|host|level|tactic&q=QUERY&since=24h&from=&to=&top=10&interval=1h}:
 * counts by one field and a detection-time histogram. The window defaults to the last 24 h.
 */
public final class StatsEndpoint implements Endpoint {

    public static final String PATH = AlertsEndpoint.PATH + "/stats";

    private final AlertStore store;
    private final Clock clock;

    public StatsEndpoint(AlertStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        TimeWindow window = TimeWindow.of(request, clock).closed(Duration.ofHours(24));
        StatsQuery query;
        try {
            StatsQuery.GroupBy by = StatsQuery.GroupBy.parse(orDefault(request.parameter("by"), "rule"));
            int top = Integer.parseInt(orDefault(request.parameter("top"), "10"));
            String interval = request.parameter("interval");
            Duration step = interval == null ? StatsQuery.autoInterval(window.from(), window.to())
                    : RelativeTime.parse(interval);
            query = new StatsQuery(orDefault(request.parameter("q"), ""), window.from(), window.to(), by, top, step);
        } catch (NumberFormatException e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "top must be a number from 1 to 1000, not '"
                    + request.parameter("top") + "'");
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        AlertStats stats;
        try {
            stats = store.stats(query);
        } catch (AlertQueryException e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, e.getMessage().replaceFirst("^bad alert query", "bad query"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", window.from().toString());
        body.put("to", window.to().toString());
        body.put("by", query.groupBy().jsonName());
        body.put("total", stats.total());
        body.put("groups", stats.groups().stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", g.key());
            m.put("label", g.label());
            m.put("count", g.count());
            return m;
        }).toList());
        body.put("interval_seconds", stats.interval().toSeconds());
        body.put("histogram", stats.histogram().stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", b.start().toString());
            m.put("count", b.count());
            return m;
        }).toList());
        return ApiResponse.ok(body);
    }

    private static String orDefault(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v;
    }
}
