package org.socd.collector.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.socd.correlator.pipeline.PipelineSettings;
import org.socd.rules.correlation.CorrelationLimits;

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
 * @param journal      the durable journal between inputs and pipeline
 * @param relp         the RELP input
 * @param json         the JSON-lines event input (off by default)
 * @param ruleFiles    the logsource mapping and placeholder values the rules are compiled with
 */
public record DaemonConfig(Path dataDir, SyslogConfig syslog, ApiConfig api, List<Path> ruleDirs,
                           PipelineConfig pipeline, ZoneId timeZone, AlertsConfig alerts, JournalConfig journal,
                           RelpConfig relp, JsonConfig json, RuleFilesConfig ruleFiles) {

    public DaemonConfig {
        ruleDirs = List.copyOf(ruleDirs);
        ruleFiles = ruleFiles == null ? RuleFilesConfig.BUNDLED : ruleFiles;
        alerts = alerts == null ? AlertsConfig.defaults() : alerts;
        journal = journal == null ? JournalConfig.defaults() : journal;
        relp = relp == null ? RelpConfig.OFF : relp;
        json = json == null ? JsonConfig.OFF : json;
    }

    /** With the bundled logsource mapping and no placeholder values. */
    public DaemonConfig(Path dataDir, SyslogConfig syslog, ApiConfig api, List<Path> ruleDirs,
                        PipelineConfig pipeline, ZoneId timeZone, AlertsConfig alerts, JournalConfig journal,
                        RelpConfig relp, JsonConfig json) {
        this(dataDir, syslog, api, ruleDirs, pipeline, timeZone, alerts, journal, relp, json, null);
    }

    /** Without the JSON input settings: JSON off. */
    public DaemonConfig(Path dataDir, SyslogConfig syslog, ApiConfig api, List<Path> ruleDirs,
                        PipelineConfig pipeline, ZoneId timeZone, AlertsConfig alerts, JournalConfig journal,
                        RelpConfig relp) {
        this(dataDir, syslog, api, ruleDirs, pipeline, timeZone, alerts, journal, relp, null);
    }

    /**
     * Without alerts, journal and RELP settings: default retention, the journal at its defaults
     * and RELP off, so embedders (tests) that never asked for RELP do not compete for its fixed port.
     */
    public DaemonConfig(Path dataDir, SyslogConfig syslog, ApiConfig api, List<Path> ruleDirs,
                        PipelineConfig pipeline, ZoneId timeZone) {
        this(dataDir, syslog, api, ruleDirs, pipeline, timeZone, null, null, null, null);
    }

    /** The embedded defaults of DESIGN.md: data in ./data, syslog on 127.0.0.1:5514, API on 127.0.0.1:8514. */
    public static DaemonConfig defaults() {
        return new DaemonConfig(Path.of("data"),
                new SyslogConfig("127.0.0.1", 5514, 5514, 64 * 1024),
                new ApiConfig("127.0.0.1", 8514),
                List.of(),
                new PipelineConfig(PipelineSettings.DEFAULT_RING_SIZE, Math.max(1, Runtime.getRuntime().availableProcessors() - 1)),
                ZoneId.of("UTC"), AlertsConfig.defaults(), JournalConfig.defaults(), RelpConfig.defaults(),
                JsonConfig.OFF, RuleFilesConfig.BUNDLED);
    }

    /**
     * Files the rules are compiled with, read again on every rule reload.
     *
     * @param mapping      logsource and field mapping YAML replacing the bundled one; null for the bundled one
     * @param placeholders values of the {@code expand} modifier's {@code %placeholders%} (YAML
     *                     {@code placeholders: {name: [values]}}); null for none, which rejects rules that use one
     */
    public record RuleFilesConfig(Path mapping, Path placeholders) {
        public static final RuleFilesConfig BUNDLED = new RuleFilesConfig(null, null);
    }

    /**
     * @param bind                address the syslog sockets bind to
     * @param udpPort             UDP port, 0 for any free port, -1 to disable
     * @param tcpPort             TCP port, 0 for any free port, -1 to disable
     * @param maxMessageBytes     longest message kept; the rest of a longer one is discarded and counted
     * @param idleTimeoutSeconds  a TCP/TLS connection that delivers no complete message for this long is closed
     * @param maxConnections      open TCP (and, separately, TLS) connections allowed in total
     * @param maxConnectionsPerIp open TCP (and, separately, TLS) connections allowed from one address
     * @param tls                 syslog over TLS (RFC 5425), off unless a port is set
     */
    public record SyslogConfig(String bind, int udpPort, int tcpPort, int maxMessageBytes, int idleTimeoutSeconds,
                               int maxConnections, int maxConnectionsPerIp, TlsConfig tls) {

        public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 600;
        public static final int DEFAULT_MAX_CONNECTIONS = 4096;
        public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 64;

        /** UDP, TCP and the message limit; the connection limits at their defaults and TLS off. */
        public SyslogConfig(String bind, int udpPort, int tcpPort, int maxMessageBytes) {
            this(bind, udpPort, tcpPort, maxMessageBytes, DEFAULT_IDLE_TIMEOUT_SECONDS, DEFAULT_MAX_CONNECTIONS,
                    DEFAULT_MAX_CONNECTIONS_PER_IP, TlsConfig.OFF);
        }
    }

    /**
     * Syslog over TLS (RFC 5425).
     *
     * @param port              TLS port, 0 for any free port, -1 (the default) for off; 6514 is the standard one
     * @param cert              server certificate chain (PEM)
     * @param key               its private key (PEM, unencrypted PKCS#8)
     * @param clientCa          CA (PEM) client certificates are checked against; null: none asked for
     * @param requireClientCert refuse clients without a certificate from {@code clientCa}
     */
    public record TlsConfig(int port, Path cert, Path key, Path clientCa, boolean requireClientCert) {
        /** The standard port of syslog over TLS, used when TLS is configured without a port. */
        public static final int DEFAULT_PORT = 6514;
        public static final TlsConfig OFF = new TlsConfig(-1, null, null, null, false);

        public boolean enabled() {
            return port >= 0;
        }
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

    /**
     * @param enabled            false: inputs feed the pipeline directly (nothing survives a crash; RELP is off)
     * @param segmentBytes       segment file size
     * @param flushIntervalMillis group commit interval (fsync at most this often ...)
     * @param flushBytes         ... or when this many bytes wait
     * @param maxBytes           disk budget of the journal
     * @param maxAge             processed records older than this are deleted
     * @param minFreeBytes       appends stop while the file system has less free space than this
     * @param directIo           write segments with O_DIRECT where the file system allows it (default true);
     *                           false: always through the page cache
     */
    public record JournalConfig(boolean enabled, long segmentBytes, long flushIntervalMillis, long flushBytes,
                                long maxBytes, Duration maxAge, long minFreeBytes, boolean directIo) {
        public static JournalConfig defaults() {
            return new JournalConfig(true, 64L << 20, 50, 4L << 20, 10L << 30, Duration.ofDays(7), 100L << 20, true);
        }

        /** With direct I/O where the file system allows it. */
        public JournalConfig(boolean enabled, long segmentBytes, long flushIntervalMillis, long flushBytes,
                             long maxBytes, Duration maxAge, long minFreeBytes) {
            this(enabled, segmentBytes, flushIntervalMillis, flushBytes, maxBytes, maxAge, minFreeBytes, true);
        }
    }

    /**
     * The RELP input.
     *
     * @param bind address of the RELP input (plain and TLS)
     * @param port its port (default 2514), 0 for any free port, -1 to disable
     * @param tls  RELP over TLS on a listener of its own (as omrelp's {@code tls="on"} speaks it), off
     *             unless a port is set; {@link #DEFAULT_TLS_PORT} when only cert and key are given
     */
    public record RelpConfig(String bind, int port, TlsConfig tls) {
        /** RELP over TLS has no registered port of its own; the one next to plain RELP's 2514. */
        public static final int DEFAULT_TLS_PORT = 2515;
        public static final RelpConfig OFF = new RelpConfig("127.0.0.1", -1);

        public RelpConfig {
            tls = tls == null ? TlsConfig.OFF : tls;
        }

        /** Plain RELP only, TLS off. */
        public RelpConfig(String bind, int port) {
            this(bind, port, TlsConfig.OFF);
        }

        public static RelpConfig defaults() {
            return new RelpConfig("127.0.0.1", 2514);
        }
    }

    /**
     * Newline-delimited JSON events over TCP (evtx_dump Windows events or any JSON object per line).
     * Message size, idle timeout and connection caps are the syslog section's.
     *
     * @param bind address of the JSON input
     * @param port its port, 0 for any free port, -1 (the default) to disable
     */
    public record JsonConfig(String bind, int port) {
        public static final JsonConfig OFF = new JsonConfig("127.0.0.1", -1);

        public boolean enabled() {
            return port >= 0;
        }
    }

    /**
     * @param ringSize          slots in the ring (a power of two)
     * @param shards            parallel decode/detect handlers
     * @param correlationLimits bounds on each correlation rule's state (config section {@code correlation})
     * @param ioThreads         Netty event loops shared by the inputs (syslog, RELP, JSON)
     */
    public record PipelineConfig(int ringSize, int shards, CorrelationLimits correlationLimits, int ioThreads) {

        /** One event loop per core, at least two, so a TLS handshake never stalls every input. */
        public static final int DEFAULT_IO_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

        public PipelineConfig {
            Objects.requireNonNull(correlationLimits, "correlationLimits");
            if (ioThreads < 1) {
                throw new IllegalArgumentException("pipeline.io_threads must be at least 1, got " + ioThreads);
            }
        }

        /** With the default correlation limits and input threads. */
        public PipelineConfig(int ringSize, int shards) {
            this(ringSize, shards, CorrelationLimits.DEFAULTS, DEFAULT_IO_THREADS);
        }
    }
}
