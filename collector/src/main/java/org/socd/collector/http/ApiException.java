package org.socd.collector.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A request the API refuses, with the status and a message that says what to change. */
public final class ApiException extends RuntimeException {
    private final HttpResponseStatus status;

    public ApiException(HttpResponseStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpResponseStatus status() {
        return status;
    }
}
