package org.socd.collector.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A complete response body with its status and content type. */
public record ApiResponse(HttpResponseStatus status, String contentType, byte[] body) {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    public static ApiResponse json(HttpResponseStatus status, Object value) {
        return new ApiResponse(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value));
    }

    public static ApiResponse ok(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    /** An error as JSON: {@code {"error": "..."}}, the message written for the person reading it. */
    public static ApiResponse error(HttpResponseStatus status, String message) {
        return json(status, Map.of("error", message, "status", status.code()));
    }

    public static ApiResponse text(String contentType, String body) {
        return new ApiResponse(HttpResponseStatus.OK, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
