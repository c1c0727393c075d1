package org.socd.collector.http;

/** Answers one kind of request. Throwing {@link ApiException} gives the client a JSON error. */
@FunctionalInterface
public interface Endpoint {
    ApiResponse handle(ApiRequest request);
}
