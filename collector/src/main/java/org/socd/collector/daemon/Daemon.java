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
import org.socd.collector.config.DaemonConfig;
import org.socd.collector.http.AlertsEndpoint;
import org.socd.collector.http.ApiServer;
import org.socd.collector.http.HealthEndpoint;
import org.socd.collector.http.MetricsEndpoint;
import org.socd.collector.http.Router;
import org.socd.collector.rules.ReloadableRules;
import org.socd.collector.rules.RuleDirectoryWatcher;
import org.socd.collector.rules.RulesReloadEndpoint;
import org.socd.collector.net.Transport;
import org.socd.collector.syslog.SyslogTcpInput;
import org.socd.collector.syslog.SyslogUdpInput;
import org.socd.correlator.alerts.AlertStore;
import org.socd.correlator.pipeline.Pipeline;
import org.socd.correlator.pipeline.PipelineSettings;
import org.socd.protocol.syslog.SyslogParser;
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

    private final ReloadableRules rules;
    private RuleDirectoryWatcher ruleWatcher;
    private final AlertStore store;
    private final Pipeline pipeline;
    /** Syslog inputs' I/O threads; the API has its own so a busy input never starves it. */
    private final EventLoopGroup ioGroup;
    private final EventLoopGroup apiGroup;
    private final List<AutoCloseable> inputs = new ArrayList<>();
    private final Transport transport;
    private SyslogUdpInput udp;
    private SyslogTcpInput tcp;
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
        this.rules = ReloadableRules.of(config.ruleDirs());
        reportRules();
        try {
            this.store = AlertStore.open(dataDir.resolve("alerts"), registry, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the alert index in " + dataDir.resolve("alerts").toAbsolutePath()
                    + ": " + e.getMessage() + " — is another socd using this data directory?", e);
        }
        SyslogParser parser = new SyslogParser(config.timeZone(), clock);
        this.pipeline = new Pipeline(new PipelineSettings(config.pipeline().ringSize(), config.pipeline().shards()),
                parser::parse, rules::evaluate, store, registry, clock);
        this.transport = Transport.best();
        this.ioGroup = transport.newGroup(Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.apiGroup = transport.newGroup(1);
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
        var s = config.syslog();
        if (s.udpPort() >= 0) {
            pipeline.registerInput(SyslogUdpInput.INPUT);
            udp = SyslogUdpInput.start(transport, ioGroup, new InetSocketAddress(s.bind(), s.udpPort()),
                    s.maxMessageBytes(), pipeline::tryPublish, registry);
            inputs.add(udp);
        }
        if (s.tcpPort() >= 0) {
            pipeline.registerInput(SyslogTcpInput.INPUT);
            tcp = SyslogTcpInput.start(transport, ioGroup, ioGroup, new InetSocketAddress(s.bind(), s.tcpPort()),
                    s.maxMessageBytes(), pipeline::tryPublish, registry);
            inputs.add(tcp);
        }
        AlertsEndpoint alerts = new AlertsEndpoint(store, clock);
        Router router = new Router()
                .get("/health", new HealthEndpoint(this::health))
                .get("/metrics", new MetricsEndpoint(registry))
                .get(AlertsEndpoint.PATH, alerts::search)
                .getUnder(AlertsEndpoint.PATH + "/", alerts::get)
                // TODO(auth): admin role only, once the API has authentication.
                .post(RulesReloadEndpoint.PATH, new RulesReloadEndpoint(rules, this::reloadRules));
        try {
            ruleWatcher = RuleDirectoryWatcher.start(config.ruleDirs(), RULE_RELOAD_DEBOUNCE_MILLIS, this::reloadRules);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot watch the rule directories ({0}); reload with POST {1}",
                    e.getMessage(), RulesReloadEndpoint.PATH);
        }
        api = ApiServer.start(transport, apiGroup, apiGroup, new InetSocketAddress(config.api().bind(), config.api().port()), router);
        LOG.log(Level.INFO, "socd up: data in {0}; syslog udp {1}, tcp {2}; API and /metrics on http://{3}; transport {4}",
                config.dataDir().toAbsolutePath(), udp == null ? "off" : hostPort(udp.localAddress()),
                tcp == null ? "off" : hostPort(tcp.localAddress()), hostPort(api.localAddress()), transport.name());
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
        LOG.log(Level.INFO, "rules: {0} loaded, {1} rejected", rules.current().ruleCount(), rules.current().errors().size());
        registry.gauge("socd.rules.loaded", rules, r -> r.current().ruleCount());
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

    public InetSocketAddress apiAddress() {
        return api.localAddress();
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:8514}. */
    public String apiUrl() {
        return "http://" + hostPort(api.localAddress());
    }

    public LoadedRules rules() {
        return rules.current();
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
        pipeline.close();
        closeQuietly(store);
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
