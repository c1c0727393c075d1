package org.socd.collector.daemon;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.socd.collector.config.ConfigException;
import org.socd.collector.config.DaemonConfig;
import org.socd.collector.decoding.InputDecoders;
import org.socd.collector.json.JsonTcpInput;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import java.time.Instant;
import org.socd.collector.auth.Role;
import org.socd.collector.auth.TokenStore;
import org.socd.collector.http.AlertStream;
import org.socd.collector.http.AlertsEndpoint;
import org.socd.collector.http.StatsEndpoint;
import org.socd.collector.http.StatusEndpoint;
import org.socd.collector.http.TokensEndpoint;
import org.socd.collector.http.ApiServer;
import org.socd.collector.http.HealthEndpoint;
import org.socd.collector.http.MetricsEndpoint;
import org.socd.collector.http.Router;
import org.socd.collector.intake.PipelineSink;
import org.socd.collector.intake.RecordSink;
import org.socd.collector.journal.Journal;
import org.socd.collector.journal.JournalEndpoint;
import org.socd.collector.journal.JournalFeeder;
import org.socd.collector.journal.JournalSettings;
import org.socd.collector.journal.WarmUpStart;
import org.socd.collector.rules.ReloadableRules;
import org.socd.collector.rules.RuleSetLoader;
import org.socd.collector.rules.RuleDirectoryWatcher;
import org.socd.collector.rules.RulesReloadEndpoint;
import org.socd.collector.net.Transport;
import org.socd.collector.relp.RelpInput;
import org.socd.collector.syslog.SyslogTcpInput;
import org.socd.collector.syslog.SyslogUdpInput;
import org.socd.collector.syslog.TcpInputSettings;
import org.socd.collector.tls.TlsContexts;
import org.socd.collector.tls.TlsSettings;
import org.socd.correlator.alerts.AlertStore;
import org.socd.correlator.alerts.AlertStoreSettings;
import org.socd.correlator.alerts.TeeSink;
import org.socd.correlator.pipeline.Pipeline;
import org.socd.correlator.pipeline.PipelineSettings;
import org.socd.rules.pack.LoadedRules;
import org.socd.rules.pack.RuleError;

/**
 * The running daemon: wires inputs, pipeline, alert store and API together, and takes them
 * down in the order that loses nothing already accepted (inputs first, then the pipeline
 * drains into the store, then the store commits).
 */
public final class Daemon implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());

    private final DaemonConfig config;
    private final PrometheusMeterRegistry registry;
    /** Debounce of the rule directory watcher: one reload after a burst of file changes. */
    private static final long RULE_RELOAD_DEBOUNCE_MILLIS = 500;

    /** Bound on the records read again at start to rebuild correlation windows (a few seconds of work). */
    static final long MAX_WARM_UP_RECORDS = 2_000_000;

    private final ReloadableRules rules;
    private RuleDirectoryWatcher ruleWatcher;
    private final AlertStore store;
    private final TokenStore tokens;
    private final AlertStream stream = new AlertStream();
    private final Instant started;
    /** The admin token file written on this start, or null when one existed before. */
    private final Path adminTokenFile;
    private final Pipeline pipeline;
    /** Null when journal.enabled is false: inputs then feed the pipeline directly. */
    private final Journal journal;
    private JournalFeeder feeder;
    /** Syslog inputs' I/O threads; the API has its own so a busy input never starves it. */
    private final EventLoopGroup ioGroup;
    private final int ioThreads;
    private final EventLoopGroup apiGroup;
    private final List<AutoCloseable> inputs = new ArrayList<>();
    private final Transport transport;
    private SyslogUdpInput udp;
    private SyslogTcpInput tcp;
    private SyslogTcpInput tls;
    private RelpInput relp;
    private RelpInput relpTls;
    private JsonTcpInput json;
    private ApiServer api;
    private volatile boolean closed;

    private Daemon(DaemonConfig config, Clock clock) {
        this.config = config;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bindJvmMetrics();
        Path dataDir = config.dataDir();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir.toAbsolutePath()
                    + ": " + e.getMessage() + " — choose a writable one with --data", e);
        }
        this.started = clock.instant();
        this.tokens = TokenStore.open(dataDir, clock);
        this.adminTokenFile = tokens.ensureAdminToken().orElse(null);
        try {
            this.rules = ReloadableRules.of(config.ruleDirs(), config.ruleFiles());
        } catch (RuleSetLoader.RuleFilesException e) {
            throw new ConfigException(e.getMessage());
        }
        reportRules();
        try {
            this.store = AlertStore.open(dataDir.resolve("alerts"), registry, clock,
                    new AlertStoreSettings(Duration.ofDays(config.alerts().retentionDays()),
                            AlertStoreSettings.defaults().commitInterval()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the alert index in " + dataDir.resolve("alerts").toAbsolutePath()
                    + ": " + e.getMessage() + " — is another socd using this data directory?", e);
        }
        Journal openedJournal = null;
        try {
            openedJournal = config.journal().enabled() ? openJournal(config) : null;
            this.pipeline = new Pipeline(new PipelineSettings(config.pipeline().ringSize(), config.pipeline().shards(),
                    config.pipeline().correlationLimits()),
                    InputDecoders.of(config.timeZone(), clock), rules::evaluate, rules::correlations,
                    new TeeSink(store, stream), registry, clock);
        } catch (RuntimeException e) {
            // close() never runs for a daemon that was not constructed: release the index's
            // write lock and the journal's writer thread here, or a retry in this JVM fails.
            if (openedJournal != null) {
                closeQuietly(openedJournal);
            }
            closeQuietly(store);
            throw e;
        }
        this.journal = openedJournal;
        store.onUpdate(stream::updated);
        this.transport = Transport.best();
        this.ioThreads = config.pipeline().ioThreads();
        this.ioGroup = transport.newGroup(ioThreads);
        this.apiGroup = transport.newGroup(1);
    }

    private Journal openJournal(DaemonConfig config) {
        var j = config.journal();
        Path dir = config.dataDir().resolve("journal");
        JournalSettings settings;
        try {
            settings = new JournalSettings(dir, j.segmentBytes(), j.flushIntervalMillis(), j.flushBytes(),
                    8 << 20, j.maxBytes(), j.maxAge(), j.minFreeBytes(), j.directIo());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("journal settings: " + e.getMessage() + " — fix the journal section of the config", e);
        }
        try {
            return Journal.open(settings, registry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + dir.toAbsolutePath() + ": " + e.getMessage()
                    + " — check permissions and free space of the data directory", e);
        }
    }

    /**
     * With a journal: starts the reader that feeds the pipeline and replays everything after
     * the checkpoint before any input opens, so replayed and new records never interleave
     * across a restart. Returns where inputs hand their records.
     */
    private RecordSink startJournal() {
        if (journal == null) {
            LOG.log(Level.WARNING, "journal disabled (journal.enabled: false): records in the pipeline are lost on a crash");
            return new PipelineSink(pipeline);
        }
        long from = journal.checkpoint();
        long warmUpFrom = correlationWarmUpStart();
        pipeline.warmUpUntil(from);
        feeder = new JournalFeeder(journal, pipeline, store::commit, 1000, warmUpFrom);
        feeder.start();
        long end = journal.durableEnd();
        if (from > warmUpFrom) {
            LOG.log(Level.INFO, "journal: reading {0} record(s) before checkpoint {1} again to rebuild correlation"
                    + " windows (no alerts are raised for them)", from - warmUpFrom, from);
        }
        if (end > from) {
            LOG.log(Level.INFO, "journal: replaying {0} record(s) after checkpoint {1} before opening inputs", end - from, from);
        }
        try {
            feeder.awaitProcessed(end);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during journal replay");
        }
        return journal;
    }

    /**
     * Where the journal reader starts so that correlation windows survive a restart: as far
     * before the checkpoint as the longest correlation timespan reaches, at most
     * {@value #MAX_WARM_UP_RECORDS} records. The checkpoint itself without correlations.
     */
    private long correlationWarmUpStart() {
        Duration span = Duration.ZERO;
        for (var correlation : rules.correlations().ordered()) {
            Duration timespan = correlation.definition().timespan();
            if (timespan.compareTo(span) > 0) {
                span = timespan;
            }
        }
        try {
            return WarmUpStart.find(journal, span, MAX_WARM_UP_RECORDS);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "journal: cannot find where correlation windows start (" + e + "); they start"
                    + " empty after this restart", e);
            return journal.checkpoint();
        }
    }

    /** Starts everything; on any failure what was started is stopped again and the error rethrown. */
    public static Daemon start(DaemonConfig config, Clock clock) {
        Daemon d = new Daemon(config, clock);
        try {
            d.startServing(clock);
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    private void startServing(Clock clock) {
        pipeline.start();
        RecordSink sink = startJournal();
        var s = config.syslog();
        if (s.udpPort() >= 0) {
            pipeline.registerInput(SyslogUdpInput.INPUT);
            udp = SyslogUdpInput.start(transport, ioGroup, new InetSocketAddress(s.bind(), s.udpPort()),
                    ioThreads, s.maxMessageBytes(), sink, registry);
            inputs.add(udp);
        }
        if (s.tcpPort() >= 0) {
            pipeline.registerInput(SyslogTcpInput.INPUT);
            tcp = SyslogTcpInput.start(transport, ioGroup, ioGroup, new InetSocketAddress(s.bind(), s.tcpPort()),
                    streamSettings(SyslogTcpInput.INPUT, null), sink, registry);
            inputs.add(tcp);
        }
        if (s.tls().enabled()) {
            var t = s.tls();
            var context = TlsContexts.server(new TlsSettings(t.cert(), t.key(), t.clientCa(), t.requireClientCert()));
            pipeline.registerInput(SyslogTcpInput.TLS_INPUT);
            tls = SyslogTcpInput.start(transport, ioGroup, ioGroup, new InetSocketAddress(s.bind(), t.port()),
                    streamSettings(SyslogTcpInput.TLS_INPUT, context), sink, registry);
            inputs.add(tls);
        }
        if (config.relp().port() >= 0) {
            if (journal == null) {
                LOG.log(Level.WARNING, "RELP input off: it acknowledges only what the journal holds, and journal.enabled is false");
            } else {
                pipeline.registerInput(RelpInput.INPUT);
                relp = RelpInput.start(transport, ioGroup, ioGroup,
                        new InetSocketAddress(config.relp().bind(), config.relp().port()), journal, registry);
                inputs.add(relp);
            }
        }
        if (config.relp().tls().enabled()) {
            var t = config.relp().tls();
            if (journal == null) {
                LOG.log(Level.WARNING, "RELP TLS input off: it acknowledges only what the journal holds, and journal.enabled is false");
            } else {
                var context = TlsContexts.server(new TlsSettings(t.cert(), t.key(), t.clientCa(), t.requireClientCert()), "relp");
                pipeline.registerInput(RelpInput.TLS_INPUT);
                relpTls = RelpInput.start(transport, ioGroup, ioGroup,
                        new InetSocketAddress(config.relp().bind(), t.port()), journal, registry, context);
                inputs.add(relpTls);
            }
        }
        if (config.json().enabled()) {
            pipeline.registerInput(JsonTcpInput.INPUT);
            json = JsonTcpInput.start(transport, ioGroup, ioGroup,
                    new InetSocketAddress(config.json().bind(), config.json().port()),
                    streamSettings(JsonTcpInput.INPUT, null), sink, registry);
            inputs.add(json);
        }
        AlertsEndpoint alerts = new AlertsEndpoint(store, clock);
        TokensEndpoint tokenApi = new TokensEndpoint(tokens);
        MetricsEndpoint metrics = new MetricsEndpoint(registry);
        Router router = new Router(tokens)
                .get("/health", new HealthEndpoint(this::health))
                .get("/api/v1/status", Role.VIEWER, new StatusEndpoint(this::status))
                .get(AlertsEndpoint.PATH, Role.VIEWER, alerts::search)
                .get(StatsEndpoint.PATH, Role.VIEWER, new StatsEndpoint(store, clock))
                .get(AlertStream.PATH, Role.VIEWER, stream)
                .get(AlertsEndpoint.PATH + "/{id}", Role.VIEWER, alerts::get)
                .post(AlertsEndpoint.PATH + "/{id}/ack", Role.ANALYST, alerts::acknowledge)
                .post(AlertsEndpoint.PATH + "/{id}/close", Role.ANALYST, alerts::close)
                .post(AlertsEndpoint.PATH + "/{id}/assign", Role.ANALYST, alerts::assign)
                .post(AlertsEndpoint.PATH + "/{id}/notes", Role.ANALYST, alerts::addNote)
                .get(TokensEndpoint.PATH, Role.ADMIN, tokenApi::list)
                .post(TokensEndpoint.PATH, Role.ADMIN, tokenApi::create)
                .delete(TokensEndpoint.PATH + "/{name}", Role.ADMIN, tokenApi::revoke)
                .get(JournalEndpoint.PATH, Role.VIEWER, journal != null ? new JournalEndpoint(journal)
                        : request -> org.socd.collector.http.ApiResponse.ok(Map.of("enabled", false)))
                .post(RulesReloadEndpoint.PATH, Role.ADMIN, new RulesReloadEndpoint(rules, this::reloadRules));
        // Prometheus scrapers rarely carry a token; operators who expose the port can ask for one.
        if (config.api().metricsRequireToken()) {
            router.get("/metrics", Role.VIEWER, metrics);
        } else {
            router.get("/metrics", metrics);
        }
        try {
            ruleWatcher = RuleDirectoryWatcher.start(config.ruleDirs(), RULE_RELOAD_DEBOUNCE_MILLIS, this::reloadRules);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot watch the rule directories ({0}); reload with POST {1}",
                    e.getMessage(), RulesReloadEndpoint.PATH);
        }
        var streamDrops = registry.counter("socd.api.stream.dropped");
        api = ApiServer.start(transport, apiGroup, apiGroup, new InetSocketAddress(config.api().bind(), config.api().port()),
                router, apiTls(), type -> streamDrops.increment());
        LOG.log(Level.INFO, "socd up: data in {0}; syslog udp {1}, tcp {2}, tls {5}; API and /metrics on {3}; transport {4}",
                config.dataDir().toAbsolutePath(), udp == null ? "off" : hostPort(udp.localAddress()),
                tcp == null ? "off" : hostPort(tcp.localAddress()), apiUrl(), transport.name(),
                tls == null ? "off" : hostPort(tls.localAddress()));
        LOG.log(Level.INFO, "JSON events: {0}", json == null ? "off" : hostPort(json.localAddress()));
        LOG.log(Level.INFO, "RELP: {0}, RELP over TLS: {2}; journal {1}", relp == null ? "off" : hostPort(relp.localAddress()),
                journal == null ? "off" : config.dataDir().resolve("journal").toAbsolutePath(),
                relpTls == null ? "off" : hostPort(relpTls.localAddress()));
    }

    private TcpInputSettings streamSettings(String input, io.netty.handler.ssl.SslContext context) {
        var s = config.syslog();
        return new TcpInputSettings(input, s.maxMessageBytes(), java.time.Duration.ofSeconds(s.idleTimeoutSeconds()),
                s.maxConnections(), s.maxConnectionsPerIp(), context);
    }

    private SslContext apiTls() {
        var a = config.api();
        if (a.tlsCert() == null) {
            return null;
        }
        try {
            return SslContextBuilder.forServer(a.tlsCert().toFile(), a.tlsKey().toFile()).build();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot use the API TLS certificate " + a.tlsCert() + " and key " + a.tlsKey()
                    + ": " + e.getMessage() + " — give PEM files, the key in PKCS#8 ('openssl pkcs8 -topk8 -nocrypt')", e);
        }
    }

    /** Where this start wrote a new admin token, or null when the data dir had one already. */
    public Path adminTokenFile() {
        return adminTokenFile;
    }

    /** The API tokens of this daemon (tests and admin tooling make tokens with it). */
    public TokenStore tokens() {
        return tokens;
    }

    private Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", "0.1.0");
        m.put("status", closed ? "stopping" : "up");
        m.put("started", started.toString());
        m.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
        m.put("data_dir", config.dataDir().toAbsolutePath().toString());
        m.put("syslog_udp", udp == null ? null : hostPort(udp.localAddress()));
        m.put("syslog_tcp", tcp == null ? null : hostPort(tcp.localAddress()));
        m.put("syslog_tls", tls == null ? null : hostPort(tls.localAddress()));
        m.put("json_tcp", json == null ? null : hostPort(json.localAddress()));
        m.put("relp", relp == null ? null : hostPort(relp.localAddress()));
        m.put("relp_tls", relpTls == null ? null : hostPort(relpTls.localAddress()));
        m.put("journal", journal == null ? null : config.dataDir().resolve("journal").toAbsolutePath().toString());
        m.put("api", apiUrl());
        m.put("rules_loaded", rules.current().ruleCount());
        m.put("correlations_loaded", rules.current().correlationCount());
        m.put("rules_rejected", rules.current().errors().size());
        m.put("alerts", store.count());
        m.put("alert_retention_days", config.alerts().retentionDays());
        m.put("stream_clients", stream.subscribers());
        m.put("ring_remaining_capacity", pipeline.remainingCapacity());
        return m;
    }

    private Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", closed ? "stopping" : "up");
        m.put("rules_loaded", rules.current().ruleCount());
        m.put("rules_rejected", rules.current().errors().size());
        m.put("alerts", store.count());
        m.put("ring_remaining_capacity", pipeline.remainingCapacity());
        return m;
    }

    private void reportRules() {
        for (RuleError e : rules.current().errors()) {
            LOG.log(Level.WARNING, "rule rejected: {0}: {1}", e.location(), e.message());
        }
        LOG.log(Level.INFO, "rules: {0} loaded, {1} correlations, {2} rejected", rules.current().ruleCount(),
                rules.current().correlationCount(), rules.current().errors().size());
        registry.gauge("socd.rules.loaded", rules, r -> r.current().ruleCount());
        registry.gauge("socd.rules.correlations", rules, r -> r.current().correlationCount());
        registry.gauge("socd.rules.rejected", rules, r -> r.current().errors().size());
    }

    private ReloadableRules.ReloadResult reloadRules() {
        ReloadableRules.ReloadResult result = rules.reload();
        if (result.applied()) {
            LOG.log(Level.INFO, "rules reloaded: {0} loaded", result.rules());
        } else {
            for (RuleError e : result.newErrors()) {
                LOG.log(Level.WARNING, "rule reload refused, the running rules stay: {0}: {1}", e.location(), e.message());
            }
        }
        registry.counter("socd.rules.reloads", "result", result.applied() ? "applied" : "refused").increment();
        return result;
    }

    private void bindJvmMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public InetSocketAddress syslogUdpAddress() {
        return udp == null ? null : udp.localAddress();
    }

    public InetSocketAddress syslogTcpAddress() {
        return tcp == null ? null : tcp.localAddress();
    }

    public InetSocketAddress syslogTlsAddress() {
        return tls == null ? null : tls.localAddress();
    }

    public InetSocketAddress jsonTcpAddress() {
        return json == null ? null : json.localAddress();
    }

    public InetSocketAddress relpAddress() {
        return relp == null ? null : relp.localAddress();
    }

    public InetSocketAddress relpTlsAddress() {
        return relpTls == null ? null : relpTls.localAddress();
    }

    public InetSocketAddress apiAddress() {
        return api.localAddress();
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:8514} ({@code https} with TLS). */
    public String apiUrl() {
        return api.scheme() + "://" + hostPort(api.localAddress());
    }

    public LoadedRules rules() {
        return rules.current();
    }

    /** The meters {@code /metrics} shows, for observers in this JVM (benchmarks) that must not pay for a scrape. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ruleWatcher != null) {
            ruleWatcher.close();
        }
        for (AutoCloseable input : inputs) {
            closeQuietly(input);
        }
        ioGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        if (feeder != null) {
            feeder.close();
        }
        pipeline.close();
        if (feeder != null) {
            try {
                feeder.checkpointNow();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "final journal checkpoint failed; the next start replays a little more: " + e, e);
            }
        }
        closeQuietly(store);
        if (journal != null) {
            closeQuietly(journal);
        }
        if (api != null) {
            closeQuietly(api);
        }
        apiGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        registry.close();
        LOG.log(Level.INFO, "socd stopped");
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "while stopping " + c + ": " + e, e);
        }
    }
}
