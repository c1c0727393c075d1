package org.socd.collector.relp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the RELP input counts (input {@code relp}, or {@code relp-tls} for the TLS listener):
 * {@code socd_messages_received_total{input="relp"}},
 * {@code socd_bytes_received_total{input="relp"}}, {@code socd_relp_commands_total{command}},
 * {@code socd_relp_sessions_refused_total}, {@code socd_relp_duplicates_total} (retransmissions answered without journaling twice),
 * {@code socd_connections_errors_total{input="relp"}}, {@code socd_relp_errors_total{reason}} (framing,
 * transport) and
 * {@code socd_connections_active{input="relp"}}.
 */
final class RelpMetrics {

    private static final Logger LOG = System.getLogger(RelpInput.class.getName());
    private static final Set<String> KNOWN = Set.of("open", "syslog", "close");

    final Counter received;
    final Counter bytes;
    final Counter duplicates;
    final Counter refused;
    final AtomicInteger connections = new AtomicInteger();
    final String input;
    private final MeterRegistry registry;
    private final AtomicLong lastLogNanos = new AtomicLong();

    RelpMetrics(MeterRegistry registry, String input) {
        this.registry = registry;
        this.input = input;
        received = Counter.builder("socd.messages.received").description("Syslog messages received")
                .tag("input", input).register(registry);
        bytes = Counter.builder("socd.bytes.received").description("Bytes received")
                .tag("input", input).register(registry);
        duplicates = Counter.builder("socd.relp.duplicates")
                .description("RELP retransmissions of messages already journaled; answered, not journaled again")
                .register(registry);
        refused = Counter.builder("socd.relp.sessions.refused")
                .description("RELP connections closed at once because " + RelpInput.MAX_SESSIONS + " sessions were open")
                .register(registry);
        registry.gauge("socd.connections.active", io.micrometer.core.instrument.Tags.of("input", input),
                connections);
        for (String c : KNOWN) {
            command(c, 0);
        }
    }

    void command(String command) {
        command(command, 1);
    }

    private void command(String command, double amount) {
        // Unknown commands share one series: a peer must not create series at will.
        Counter.builder("socd.relp.commands").description("RELP commands received, by command")
                .tag("command", KNOWN.contains(command) ? command : "other").register(registry).increment(amount);
    }

    /** Counts a closed session and logs it, at most once a second. */
    void error(String reason, String message) {
        // Same tag keys as the syslog inputs' series (Prometheus needs one key set per name);
        // the reason goes to a RELP series of its own.
        Counter.builder("socd.connections.errors")
                .description("Connections closed because of a transport error (reset, garbage TLS, ...)")
                .tag("input", input).register(registry).increment();
        Counter.builder("socd.relp.errors").description("RELP sessions closed by an error, by reason (framing, transport)")
                .tag("reason", reason).register(registry).increment();
        long now = System.nanoTime();
        long last = lastLogNanos.get();
        if (now - last > TimeUnit.SECONDS.toNanos(1) && lastLogNanos.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, message);
        }
    }
}
