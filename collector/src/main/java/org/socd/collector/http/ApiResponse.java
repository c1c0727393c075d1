package org.socd.collector.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A complete response body with its status and content type, an event stream, or a response
 * that another thread completes later.
 *
 * @param headers extra headers
 * @param events  non-null for a Server-Sent Events response; the body is then unused
 * @param later   non-null for work too slow for the API's handler threads (a rule reload): the
 *                response is written when it completes; status and body are then unused
 */
public record ApiResponse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers,
                          EventSource events, CompletionStage<ApiResponse> later) {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    public ApiResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public ApiResponse(HttpResponseStatus status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of(), null, null);
    }

    public static ApiResponse json(HttpResponseStatus status, Object value) {
        return new ApiResponse(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value));
    }

    public static ApiResponse ok(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    /** An error as JSON: {@code {"error": "...", "status": N}}, the message written for the person reading it. */
    public static ApiResponse error(HttpResponseStatus status, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        m.put("status", status.code());
        return json(status, m);
    }

    /** The same response with extra headers. */
    public ApiResponse withHeaders(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(extra);
        return new ApiResponse(status, contentType, body, all, events, later);
    }

    public static ApiResponse text(String contentType, String body) {
        return new ApiResponse(HttpResponseStatus.OK, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code text/event-stream} that stays open and sends what {@code source} produces. */
    public static ApiResponse eventStream(EventSource source) {
        return new ApiResponse(HttpResponseStatus.OK, "text/event-stream; charset=utf-8", new byte[0], Map.of(), source,
                null);
    }

    /** A response written when {@code response} completes, so that the handler thread is free meanwhile. */
    public static ApiResponse later(CompletionStage<ApiResponse> response) {
        return new ApiResponse(HttpResponseStatus.ACCEPTED, "application/json; charset=utf-8", new byte[0], Map.of(),
                null, response);
    }
}
