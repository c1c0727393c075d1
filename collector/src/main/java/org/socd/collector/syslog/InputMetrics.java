package org.socd.collector.syslog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The counters one syslog input keeps, so that nothing it receives, cuts, drops or refuses goes
 * unseen. Prometheus names: {@code socd_messages_received_total{input}},
 * {@code socd_messages_truncated_total}, {@code socd_bytes_received_total},
 * {@code socd_connections_active}, {@code socd_connections_refused_total{input,reason}},
 * {@code socd_connections_idle_closed_total}, {@code socd_octet_count_rejected_total},
 * {@code socd_tls_handshake_failures_total}.
 */
final class InputMetrics {

    final Counter received;
    final Counter truncated;
    final Counter bytes;
    final AtomicInteger connections = new AtomicInteger();
    final Counter refusedGlobal;
    final Counter refusedPerIp;
    final Counter idleClosed;
    final Counter octetCountRejected;
    final Counter tlsHandshakeFailures;

    /** @param stream true for TCP/TLS: only they have connections to refuse, idle out or mis-frame */
    InputMetrics(MeterRegistry registry, String input, boolean stream) {
        received = Counter.builder("socd.messages.received").description("Syslog messages received")
                .tag("input", input).register(registry);
        truncated = Counter.builder("socd.messages.truncated")
                .description("Messages longer than max_message_bytes, cut at that size")
                .tag("input", input).register(registry);
        bytes = Counter.builder("socd.bytes.received").description("Bytes received")
                .tag("input", input).register(registry);
        if (!stream) {
            refusedGlobal = refusedPerIp = idleClosed = octetCountRejected = tlsHandshakeFailures = null;
            return;
        }
        registry.gauge("socd.connections.active", Tags.of("input", input), connections);
        refusedGlobal = refused(registry, input, "max_connections");
        refusedPerIp = refused(registry, input, "max_connections_per_ip");
        idleClosed = Counter.builder("socd.connections.idle.closed")
                .description("Connections closed because they sent nothing for idle_timeout_seconds")
                .tag("input", input).register(registry);
        octetCountRejected = Counter.builder("socd.octet.count.rejected")
                .description("RFC 6587 octet counts too large to trust (frame read as newline-delimited instead)")
                .tag("input", input).register(registry);
        tlsHandshakeFailures = !input.endsWith("tls") ? null : Counter.builder("socd.tls.handshake.failures")
                .description("TLS handshakes that failed (bad client certificate, old protocol, not TLS at all)")
                .tag("input", input).register(registry);
    }

    private static Counter refused(MeterRegistry registry, String input, String reason) {
        return Counter.builder("socd.connections.refused")
                .description("Connections closed at once because a connection cap was reached")
                .tag("input", input).tag("reason", reason).register(registry);
    }
}
