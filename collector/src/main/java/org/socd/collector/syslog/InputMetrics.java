package org.socd.collector.syslog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The counters one syslog input keeps, so that nothing it receives, cuts or drops goes unseen.
 * Prometheus names: {@code socd_messages_received_total{input}}, {@code socd_messages_truncated_total},
 * {@code socd_bytes_received_total},
 * {@code socd_connections_active}.
 */
final class InputMetrics {

    final Counter received;
    final Counter truncated;
    final Counter bytes;
    final AtomicInteger connections = new AtomicInteger();

    InputMetrics(MeterRegistry registry, String input) {
        received = Counter.builder("socd.messages.received").description("Syslog messages received")
                .tag("input", input).register(registry);
        truncated = Counter.builder("socd.messages.truncated")
                .description("Messages longer than max_message_bytes, cut at that size")
                .tag("input", input).register(registry);
        bytes = Counter.builder("socd.bytes.received").description("Bytes received")
                .tag("input", input).register(registry);
        registry.gauge("socd.connections.active", io.micrometer.core.instrument.Tags.of("input", input), connections);
    }
}
