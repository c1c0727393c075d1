package org.socd.collector.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything the daemon needs to start, resolved from embedded defaults, then the YAML file,
 * then command-line flags (later wins).
 *
 * @param dataDir      where the alert index and other state live
 * @param syslog       the syslog inputs
 * @param api          the HTTP API and {@code /metrics}
 * @param ruleDirs     rule directories added to the bundled pack
 * @param pipeline     ring size and shard count of the processing pipeline
 * @param timeZone     zone of year-less RFC 3164 timestamps (senders that omit a zone)
 * @param alerts       how long alerts are kept
 */
public record DaemonConfig(Path dataDir, SyslogConfig syslog, ApiConfig api, List<Path> ruleDirs,
                           PipelineConfig pipeline, ZoneId timeZone, AlertsConfig alerts) {

    public DaemonConfig {
        ruleDirs = List.copyOf(ruleDirs);
        alerts = alerts == null ? AlertsConfig.defaults() : alerts;
    }

    /** Without an alerts section: the default retention. */
    public DaemonConfig(Path dataDir, SyslogConfig syslog, ApiConfig api, List<Path> ruleDirs,
                        PipelineConfig pipeline, ZoneId timeZone) {
        this(dataDir, syslog, api, ruleDirs, pipeline, timeZone, AlertsConfig.defaults());
    }

    /** The embedded defaults of DESIGN.md: data in ./data, syslog on 127.0.0.1:5514, API on 127.0.0.1:8514. */
    public static DaemonConfig defaults() {
        return new DaemonConfig(Path.of("data"),
                new SyslogConfig("127.0.0.1", 5514, 5514, 64 * 1024),
                new ApiConfig("127.0.0.1", 8514),
                List.of(),
                new PipelineConfig(65536, Math.max(1, Runtime.getRuntime().availableProcessors() - 1)),
                ZoneId.of("UTC"));
    }

    /**
     * @param bind            address the syslog sockets bind to
     * @param udpPort         UDP port, 0 for any free port, -1 to disable
     * @param tcpPort         TCP port, 0 for any free port, -1 to disable
     * @param maxMessageBytes longest message kept; the rest of a longer one is discarded and counted
     */
    public record SyslogConfig(String bind, int udpPort, int tcpPort, int maxMessageBytes) {
    }

    /**
     * @param bind                address of the HTTP API
     * @param port                its port, 0 for any free port
     * @param tlsCert             PEM certificate chain for HTTPS, or null for plain HTTP
     * @param tlsKey              PEM private key (PKCS#8) of that certificate, or null
     * @param metricsRequireToken whether {@code /metrics} needs a viewer token (scrapers usually have none)
     */
    public record ApiConfig(String bind, int port, Path tlsCert, Path tlsKey, boolean metricsRequireToken) {
        public ApiConfig {
            if ((tlsCert == null) != (tlsKey == null)) {
                throw new IllegalArgumentException("api TLS needs both tls_cert and tls_key, or neither");
            }
        }

        /** Plain HTTP, open /metrics. */
        public ApiConfig(String bind, int port) {
            this(bind, port, null, null, false);
        }
    }

    /** @param retentionDays alerts detected longer ago are deleted by a daily task */
    public record AlertsConfig(int retentionDays) {
        public AlertsConfig {
            if (retentionDays < 1) {
                throw new IllegalArgumentException("alerts.retention_days must be at least 1, got " + retentionDays);
            }
        }

        public static AlertsConfig defaults() {
            return new AlertsConfig(180);
        }
    }

    /** @param ringSize slots in the ring (a power of two); @param shards parallel decode/detect handlers */
    public record PipelineConfig(int ringSize, int shards) {
    }
}
