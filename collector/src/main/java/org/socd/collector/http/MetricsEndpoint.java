package org.socd.collector.http;

import io.micrometer.prometheus.PrometheusMeterRegistry;

/** {@code GET /metrics}: every meter in the Prometheus text exposition format 0.0.4. */
public final class MetricsEndpoint implements Endpoint {

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry;

    public MetricsEndpoint(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        return ApiResponse.text(CONTENT_TYPE, registry.scrape());
    }
}
