package org.socd.collector.http;

import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health}: {@code 200 {"status":"up", ...}} while the daemon serves, with a few
 * figures a load balancer or an operator glances at.
 */
public final class HealthEndpoint implements Endpoint {

    private final Supplier<Map<String, Object>> details;

    public HealthEndpoint(Supplier<Map<String, Object>> details) {
        this.details = details;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(details.get());
    }
}
