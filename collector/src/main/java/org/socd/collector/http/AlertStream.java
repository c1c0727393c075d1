package org.socd.collector.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.socd.correlator.alerts.Alert;
import org.socd.correlator.alerts.AlertSink;
import org.socd.correlator.alerts.StoredAlert;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/alerts/stream}: new alerts ({@code event: alert}) and analysts' changes
 * ({@code event: update}) as Server-Sent Events, each one alert as JSON. It sits behind the
 * store in the pipeline (see {@link org.socd.correlator.alerts.TeeSink}), so an id a client
 * sees can already be fetched.
 */
public final class AlertStream implements AlertSink, EventSource, Endpoint {

    public static final String PATH = AlertsEndpoint.PATH + "/stream";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final List<Consumer<ServerSentEvent>> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public ApiResponse handle(ApiRequest request) {
        return ApiResponse.eventStream(this);
    }

    @Override
    public Runnable subscribe(Consumer<ServerSentEvent> sink) {
        subscribers.add(sink);
        return () -> subscribers.remove(sink);
    }

    /** How many clients follow the stream now. */
    public int subscribers() {
        return subscribers.size();
    }

    @Override
    public void accept(Alert alert) {
        if (!subscribers.isEmpty()) {
            publish("alert", StoredAlert.fresh(alert));
        }
    }

    @Override
    public void endOfBatch() {
        // Each event is flushed as it is written.
    }

    /** Tells the followers about an analyst's change. */
    public void updated(StoredAlert alert) {
        if (!subscribers.isEmpty()) {
            publish("update", alert);
        }
    }

    private void publish(String type, StoredAlert alert) {
        ServerSentEvent event = new ServerSentEvent(type, JSON.writeValueAsString(AlertJson.toJson(alert)));
        for (Consumer<ServerSentEvent> s : subscribers) {
            s.accept(event);
        }
    }
}
