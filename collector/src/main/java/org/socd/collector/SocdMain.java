package org.socd.collector;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.socd.collector.config.ConfigException;
import org.socd.collector.config.ConfigFile;
import org.socd.collector.config.DaemonConfig;
import org.socd.collector.daemon.Daemon;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code socd}: starts the daemon. Settings come from the embedded defaults, then
 * {@code --config FILE}, then the flags here (later wins), so two daemons can run side by side
 * with nothing but flags.
 */
@Command(name = "socd", mixinStandardHelpOptions = true, version = "socd 0.1.0",
        description = "Security-operations-center daemon: takes syslog, detects threats with Sigma rules, "
                + "keeps alerts in a searchable index, serves the API and /metrics.")
public final class SocdMain implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    Path configFile;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default ./data).")
    Path dataDir;

    @Option(names = "--syslog-port", paramLabel = "PORT",
            description = "Port of both syslog UDP and TCP (default 5514; 0 = any free port).")
    Integer syslogPort;

    @Option(names = "--syslog-udp-port", paramLabel = "PORT", description = "Syslog UDP port only (-1 disables).")
    Integer syslogUdpPort;

    @Option(names = "--syslog-tcp-port", paramLabel = "PORT", description = "Syslog TCP port only (-1 disables).")
    Integer syslogTcpPort;

    @Option(names = "--syslog-bind", paramLabel = "ADDR", description = "Address syslog binds to (default 127.0.0.1).")
    String syslogBind;

    @Option(names = "--api-port", paramLabel = "PORT", description = "Port of the HTTP API and /metrics (default 8514).")
    Integer apiPort;

    @Option(names = "--api-bind", paramLabel = "ADDR", description = "Address the API binds to (default 127.0.0.1).")
    String apiBind;

    @Option(names = "--max-message-bytes", paramLabel = "N", description = "Longest syslog message kept (default 65536).")
    Integer maxMessageBytes;

    @Option(names = "--syslog-idle-timeout", paramLabel = "SECONDS",
            description = "Close a TCP/TLS syslog connection that sends no complete message for this long (default 600).")
    Integer syslogIdleTimeout;

    @Option(names = "--syslog-max-connections", paramLabel = "N",
            description = "Open TCP (and separately TLS) syslog connections allowed in total (default 4096).")
    Integer syslogMaxConnections;

    @Option(names = "--syslog-max-connections-per-ip", paramLabel = "N",
            description = "Open TCP (and separately TLS) syslog connections allowed from one address (default 64).")
    Integer syslogMaxConnectionsPerIp;

    @Option(names = "--syslog-tls-port", paramLabel = "PORT",
            description = "Syslog over TLS (RFC 5425) port (off by default; 6514 if only the cert and key are given; -1 disables).")
    Integer syslogTlsPort;

    @Option(names = "--syslog-tls-cert", paramLabel = "PEM", description = "Server certificate chain for syslog TLS.")
    Path syslogTlsCert;

    @Option(names = "--syslog-tls-key", paramLabel = "PEM", description = "Its private key (unencrypted PKCS#8 PEM).")
    Path syslogTlsKey;

    @Option(names = "--syslog-tls-client-ca", paramLabel = "PEM",
            description = "CA that client certificates are checked against (asked for, checked if sent).")
    Path syslogTlsClientCa;

    @Option(names = "--syslog-tls-require-client-cert",
            description = "Refuse TLS clients without a certificate from --syslog-tls-client-ca.")
    Boolean syslogTlsRequireClientCert;

    @Option(names = "--relp-port", paramLabel = "PORT", description = "RELP port (default 2514; 0 = any free port; -1 disables).")
    Integer relpPort;

    @Option(names = "--relp-tls-port", paramLabel = "PORT",
            description = "RELP over TLS port (off by default; 2515 if only the cert and key are given; -1 disables).")
    Integer relpTlsPort;

    @Option(names = "--relp-tls-cert", paramLabel = "PEM", description = "Server certificate chain for RELP over TLS.")
    Path relpTlsCert;

    @Option(names = "--relp-tls-key", paramLabel = "PEM", description = "Its private key (unencrypted PKCS#8 PEM).")
    Path relpTlsKey;

    @Option(names = "--relp-tls-client-ca", paramLabel = "PEM",
            description = "CA that RELP clients' certificates are checked against (asked for, checked if sent).")
    Path relpTlsClientCa;

    @Option(names = "--relp-tls-require-client-cert",
            description = "Refuse RELP TLS clients without a certificate from --relp-tls-client-ca.")
    Boolean relpTlsRequireClientCert;

    @Option(names = "--json-port", paramLabel = "PORT",
            description = "JSON-lines event input (evtx_dump Windows events, one JSON object per line) over TCP;"
                    + " off by default (0 = any free port; -1 disables).")
    Integer jsonPort;

    @Option(names = "--json-bind", paramLabel = "ADDR", description = "Address the JSON input binds to (default 127.0.0.1).")
    String jsonBind;

    @Option(names = "--rules", paramLabel = "DIR", description = "Rule directory added to the bundled pack (repeatable).")
    List<Path> ruleDirs = new ArrayList<>();

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Logsource and field mapping YAML replacing the bundled one (see docs/rules.md).")
    Path mapping;

    @Option(names = "--placeholders", paramLabel = "FILE",
            description = "Values of the 'expand' modifier's %%placeholders%% (YAML: placeholders: {name: [values]}).")
    Path placeholders;

    public static void main(String[] args) {
        configureLogging();
        System.exit(new CommandLine(new SocdMain()).execute(args));
    }

    /** One line per record, ISO time first: readable in a terminal and in journald alike. */
    static void configureLogging() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tY-%1$tm-%1$tdT%1$tH:%1$tM:%1$tS.%1$tL %4$s %3$s: %5$s%6$s%n");
        }
    }

    /** Defaults, then the file, then the flags. */
    DaemonConfig resolve() {
        DaemonConfig c = DaemonConfig.defaults();
        if (configFile != null) {
            c = ConfigFile.read(configFile, c);
        }
        var s = c.syslog();
        int udp = firstNonNull(syslogUdpPort, syslogPort, s.udpPort());
        int tcp = firstNonNull(syslogTcpPort, syslogPort, s.tcpPort());
        positive("--syslog-idle-timeout", syslogIdleTimeout);
        positive("--syslog-max-connections", syslogMaxConnections);
        positive("--syslog-max-connections-per-ip", syslogMaxConnectionsPerIp);
        s = new DaemonConfig.SyslogConfig(syslogBind != null ? syslogBind : s.bind(), udp, tcp,
                maxMessageBytes != null ? maxMessageBytes : s.maxMessageBytes(),
                syslogIdleTimeout != null ? syslogIdleTimeout : s.idleTimeoutSeconds(),
                syslogMaxConnections != null ? syslogMaxConnections : s.maxConnections(),
                syslogMaxConnectionsPerIp != null ? syslogMaxConnectionsPerIp : s.maxConnectionsPerIp(),
                tls(s.tls()));
        var a = new DaemonConfig.ApiConfig(apiBind != null ? apiBind : c.api().bind(),
                apiPort != null ? apiPort : c.api().port(), c.api().tlsCert(), c.api().tlsKey(),
                c.api().metricsRequireToken());
        List<Path> dirs = new ArrayList<>(c.ruleDirs());
        dirs.addAll(ruleDirs);
        var relp = new DaemonConfig.RelpConfig(c.relp().bind(), relpPort != null ? relpPort : c.relp().port(),
                relpTls(c.relp().tls()));
        var json = new DaemonConfig.JsonConfig(jsonBind != null ? jsonBind : c.json().bind(),
                jsonPort != null ? jsonPort : c.json().port());
        var ruleFiles = new DaemonConfig.RuleFilesConfig(mapping != null ? mapping : c.ruleFiles().mapping(),
                placeholders != null ? placeholders : c.ruleFiles().placeholders());
        return new DaemonConfig(dataDir != null ? dataDir : c.dataDir(), s, a, dirs, c.pipeline(), c.timeZone(),
                c.alerts(), c.journal(), relp, json, ruleFiles);
    }

    private static void positive(String flag, Integer value) {
        if (value != null && value <= 0) {
            throw new ConfigException(flag + " must be a positive number, not " + value);
        }
    }

    /** TLS flags over the file's TLS block; a cert and key without a port mean the standard port 6514. */
    private DaemonConfig.TlsConfig tls(DaemonConfig.TlsConfig t) {
        Path cert = syslogTlsCert != null ? syslogTlsCert : t.cert();
        Path key = syslogTlsKey != null ? syslogTlsKey : t.key();
        int port = syslogTlsPort != null ? syslogTlsPort
                : !t.enabled() && syslogTlsCert != null ? DaemonConfig.TlsConfig.DEFAULT_PORT : t.port();
        if (port >= 0 && (cert == null || key == null)) {
            throw new ConfigException("syslog TLS on port " + port + " needs --syslog-tls-cert and --syslog-tls-key (PEM files)");
        }
        return new DaemonConfig.TlsConfig(port, cert, key,
                syslogTlsClientCa != null ? syslogTlsClientCa : t.clientCa(),
                syslogTlsRequireClientCert != null ? syslogTlsRequireClientCert : t.requireClientCert());
    }

    /** RELP TLS flags over the file's relp.tls block; a cert and key without a port mean port 2515. */
    private DaemonConfig.TlsConfig relpTls(DaemonConfig.TlsConfig t) {
        Path cert = relpTlsCert != null ? relpTlsCert : t.cert();
        Path key = relpTlsKey != null ? relpTlsKey : t.key();
        int port = relpTlsPort != null ? relpTlsPort
                : !t.enabled() && relpTlsCert != null ? DaemonConfig.RelpConfig.DEFAULT_TLS_PORT : t.port();
        if (port >= 0 && (cert == null || key == null)) {
            throw new ConfigException("RELP TLS on port " + port + " needs --relp-tls-cert and --relp-tls-key (PEM files)");
        }
        return new DaemonConfig.TlsConfig(port, cert, key,
                relpTlsClientCa != null ? relpTlsClientCa : t.clientCa(),
                relpTlsRequireClientCert != null ? relpTlsRequireClientCert : t.requireClientCert());
    }

    private static int firstNonNull(Integer a, Integer b, int fallback) {
        return a != null ? a : b != null ? b : fallback;
    }

    @Override
    public Integer call() throws InterruptedException {
        DaemonConfig config;
        try {
            config = resolve();
        } catch (ConfigException e) {
            System.err.println("socd: " + e.getMessage());
            return 2;
        }
        Daemon daemon;
        try {
            daemon = Daemon.start(config, Clock.systemUTC());
        } catch (RuntimeException e) {
            System.err.println("socd: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            // Straight to stderr: java.util.logging resets its handlers in its own shutdown hook.
            System.err.println("socd: stopped; alerts committed to " + config.dataDir().resolve("alerts").toAbsolutePath());
            stopped.countDown();
        }, "socd-shutdown"));
        if (daemon.adminTokenFile() != null) {
            System.out.println("socd: first start: admin API token written to " + daemon.adminTokenFile().toAbsolutePath()
                    + " (mode 0600); soc run from the directory holding data/ finds it, elsewhere set SOC_TOKEN to it");
        }
        System.out.println("socd is running. API and metrics: " + daemon.apiUrl() + "  (Ctrl-C stops it)");
        stopped.await();
        return 0;
    }
}
