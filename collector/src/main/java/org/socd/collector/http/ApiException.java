package org.socd.collector.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/** A request the API refuses, with the status and a message that says what to change. */
public final class ApiException extends RuntimeException {
    private final HttpResponseStatus status;
    private final Map<String, String> headers;

    public ApiException(HttpResponseStatus status, String message) {
        this(status, message, Map.of());
    }

    /** @param headers extra response headers, e.g. {@code WWW-Authenticate} on a 401 */
    public ApiException(HttpResponseStatus status, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public HttpResponseStatus status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
