package org.socd.collector.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/status}: what the daemon is doing (version, uptime, inputs, rules, alert
 * counts, ring) and who is asking (the token's name and role).
 */
public final class StatusEndpoint implements Endpoint {

    private final Supplier<Map<String, Object>> details;

    public StatusEndpoint(Supplier<Map<String, Object>> details) {
        this.details = details;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Map<String, Object> body = new LinkedHashMap<>(details.get());
        if (request.principal() != null) {
            body.put("you", Map.of("name", request.principal().name(), "role", request.principal().role().jsonName()));
        }
        return ApiResponse.ok(body);
    }
}
