package org.socd.collector.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.socd.rules.correlation.CorrelationLimits;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the daemon's YAML configuration on top of a base configuration.
 *
 * <p>The file is read as a tree rather than bound to classes so that every unknown key and
 * every wrong type is reported with its path ({@code syslog.udp_port}) instead of being
 * silently ignored: a typo in a port must not leave the daemon listening somewhere else.
 *
 * <pre>
 * data_dir: /var/lib/socd
 * time_zone: Europe/Berlin
 * syslog:   { bind: 0.0.0.0, udp_port: 514, tcp_port: 514, max_message_bytes: 65536,
 *             idle_timeout_seconds: 600, max_connections: 4096, max_connections_per_ip: 64,
 *             tls: { port: 6514, cert: server.pem, key: server.key, client_ca: ca.pem, require_client_cert: true } }
 * api:      { bind: 127.0.0.1, port: 8514, tls_cert: cert.pem, tls_key: key.pem, metrics_require_token: false }
 * alerts:   { retention_days: 180 }
 * rules:    { directories: [/etc/socd/rules], mapping: mapping.yml, placeholders: placeholders.yml }
 * pipeline: { ring_size: 32768, shards: 1, io_threads: 2 }
 * correlation: { max_groups: 10000, max_entries: 50000, events_per_match: 10 }
 * journal:  { enabled: true, segment_bytes: 67108864, flush_interval_ms: 50, flush_bytes: 4194304,
 *             max_bytes: 10737418240, max_age_hours: 168, min_free_bytes: 104857600, direct_io: true }
 * relp:     { bind: 127.0.0.1, port: 2514,
 *             tls: { port: 2515, cert: server.pem, key: server.key, client_ca: ca.pem, require_client_cert: true } }
 * json:     { bind: 127.0.0.1, port: 5515 }
 * </pre>
 */
public final class ConfigFile {

    /** Every key the file may have, per section; anything else is an error, never ignored. */
    private static final Map<String, Set<String>> KNOWN = Map.ofEntries(
            Map.entry("", Set.of("data_dir", "time_zone", "syslog", "api", "rules", "pipeline", "correlation", "alerts",
                    "journal", "relp", "json")),
            Map.entry("correlation", Set.of("max_groups", "max_entries", "events_per_match")),
            Map.entry("alerts", Set.of("retention_days")),
            Map.entry("journal", Set.of("enabled", "segment_bytes", "flush_interval_ms", "flush_bytes", "max_bytes",
                    "max_age_hours", "min_free_bytes", "direct_io")),
            Map.entry("relp", Set.of("bind", "port", "tls")),
            Map.entry("relp.tls", Set.of("port", "cert", "key", "client_ca", "require_client_cert")),
            Map.entry("json", Set.of("bind", "port")),
            Map.entry("syslog", Set.of("bind", "udp_port", "tcp_port", "max_message_bytes", "idle_timeout_seconds",
                    "max_connections", "max_connections_per_ip", "tls")),
            Map.entry("syslog.tls", Set.of("port", "cert", "key", "client_ca", "require_client_cert")),
            Map.entry("api", Set.of("bind", "port", "tls_cert", "tls_key", "metrics_require_token")),
            Map.entry("rules", Set.of("directories", "mapping", "placeholders")),
            Map.entry("pipeline", Set.of("ring_size", "shards", "io_threads")));

    private ConfigFile() {
    }

    /** Applies {@code file} over {@code base}; relative paths in it resolve against the file's directory. */
    public static DaemonConfig read(Path file, DaemonConfig base) {
        JsonNode root;
        try {
            String text = Files.readString(file);
            root = new YAMLMapper().readTree(text);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage()
                    + " — check the path given to --config", e);
        } catch (JacksonException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getOriginalMessage()
                    + location(e), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return base;
        }
        Path dir = file.toAbsolutePath().getParent();
        return apply(root, base, file, dir);
    }

    /** A {@code syslog.tls} block turns TLS on, on port 6514 unless it names another. */
    private static DaemonConfig.TlsConfig tls(Reader r, JsonNode tn, DaemonConfig.TlsConfig base, Path file, Path dir) {
        return tls(r, tn, base, file, dir, "syslog.tls", DaemonConfig.TlsConfig.DEFAULT_PORT);
    }

    /** A TLS block ({@code block} names it in errors) turns TLS on, on {@code defaultPort} unless it names another. */
    private static DaemonConfig.TlsConfig tls(Reader r, JsonNode tn, DaemonConfig.TlsConfig base, Path file, Path dir,
                                              String block, int defaultPort) {
        if (tn == null) {
            return base;
        }
        r.object(tn, block);
        int port = r.port(tn, block + ".port", "port", base.enabled() ? base.port() : defaultPort);
        Path cert = r.path(tn, "cert", base.cert(), dir);
        Path key = r.path(tn, "key", base.key(), dir);
        Path ca = r.path(tn, "client_ca", base.clientCa(), dir);
        boolean require = base.requireClientCert();
        JsonNode rq = tn.get("require_client_cert");
        if (rq != null) {
            if (!rq.isBoolean()) {
                throw new ConfigException(file + ": " + block + ".require_client_cert must be true or false, not '" + rq.asString() + "'");
            }
            require = rq.asBoolean();
        }
        if (port >= 0 && (cert == null || key == null)) {
            throw new ConfigException(file + ": " + block + " needs both 'cert' and 'key' (PEM files), or port: -1 to turn TLS off");
        }
        return new DaemonConfig.TlsConfig(port, cert, key, ca, require);
    }

    private static String location(JacksonException e) {
        var loc = e.getLocation();
        return loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static DaemonConfig apply(JsonNode root, DaemonConfig base, Path file, Path dir) {
        Reader r = new Reader(file);
        r.object(root, "");
        Path dataDir = r.path(root, "data_dir", base.dataDir(), dir);
        ZoneId zone = base.timeZone();
        if (root.has("time_zone")) {
            String z = r.string(root, "time_zone", null);
            try {
                zone = ZoneId.of(z);
            } catch (DateTimeException e) {
                throw new ConfigException(file + ": time_zone '" + z + "' is not a zone id; use e.g. UTC or Europe/Berlin");
            }
        }
        var s = base.syslog();
        JsonNode sn = root.get("syslog");
        if (sn != null) {
            r.object(sn, "syslog");
            s = new DaemonConfig.SyslogConfig(r.string(sn, "bind", s.bind()),
                    r.port(sn, "syslog.udp_port", "udp_port", s.udpPort()),
                    r.port(sn, "syslog.tcp_port", "tcp_port", s.tcpPort()),
                    r.positiveInt(sn, "syslog.max_message_bytes", "max_message_bytes", s.maxMessageBytes()),
                    r.positiveInt(sn, "syslog.idle_timeout_seconds", "idle_timeout_seconds", s.idleTimeoutSeconds()),
                    r.positiveInt(sn, "syslog.max_connections", "max_connections", s.maxConnections()),
                    r.positiveInt(sn, "syslog.max_connections_per_ip", "max_connections_per_ip", s.maxConnectionsPerIp()),
                    tls(r, sn.get("tls"), s.tls(), file, dir));
        }
        var a = base.api();
        JsonNode an = root.get("api");
        if (an != null) {
            r.object(an, "api");
            Path cert = r.path(an, "tls_cert", a.tlsCert(), dir);
            Path key = r.path(an, "tls_key", a.tlsKey(), dir);
            if ((cert == null) != (key == null)) {
                throw new ConfigException(file + ": api.tls_cert and api.tls_key go together; give both PEM files or neither");
            }
            boolean metricsToken = a.metricsRequireToken();
            if (an.has("metrics_require_token")) {
                JsonNode m = an.get("metrics_require_token");
                if (!m.isBoolean()) {
                    throw new ConfigException(file + ": api.metrics_require_token must be true or false");
                }
                metricsToken = m.asBoolean();
            }
            a = new DaemonConfig.ApiConfig(r.string(an, "bind", a.bind()), r.port(an, "api.port", "port", a.port()),
                    cert, key, metricsToken);
        }
        var al = base.alerts();
        JsonNode aln = root.get("alerts");
        if (aln != null) {
            r.object(aln, "alerts");
            al = new DaemonConfig.AlertsConfig(r.positiveInt(aln, "alerts.retention_days", "retention_days", al.retentionDays()));
        }
        List<Path> ruleDirs = new ArrayList<>(base.ruleDirs());
        var ruleFiles = base.ruleFiles();
        JsonNode rn = root.get("rules");
        if (rn != null) {
            ruleFiles = new DaemonConfig.RuleFilesConfig(r.path(rn, "mapping", ruleFiles.mapping(), dir),
                    r.path(rn, "placeholders", ruleFiles.placeholders(), dir));
            r.object(rn, "rules");
            JsonNode dirs = rn.get("directories");
            if (dirs != null) {
                if (!dirs.isArray()) {
                    throw new ConfigException(file + ": rules.directories must be a list of paths");
                }
                for (JsonNode d : dirs) {
                    ruleDirs.add(dir.resolve(d.asString()));
                }
            }
        }
        var p = base.pipeline();
        JsonNode pn = root.get("pipeline");
        if (pn != null) {
            r.object(pn, "pipeline");
            p = new DaemonConfig.PipelineConfig(
                    r.positiveInt(pn, "pipeline.ring_size", "ring_size", p.ringSize()),
                    r.positiveInt(pn, "pipeline.shards", "shards", p.shards()), p.correlationLimits(),
                    r.positiveInt(pn, "pipeline.io_threads", "io_threads", p.ioThreads()));
        }
        JsonNode cn = root.get("correlation");
        if (cn != null) {
            r.object(cn, "correlation");
            CorrelationLimits c = p.correlationLimits();
            p = new DaemonConfig.PipelineConfig(p.ringSize(), p.shards(), new CorrelationLimits(
                    r.positiveInt(cn, "correlation.max_groups", "max_groups", c.maxGroups()),
                    r.positiveInt(cn, "correlation.max_entries", "max_entries", c.maxEntries()),
                    r.positiveInt(cn, "correlation.events_per_match", "events_per_match", c.eventsPerMatch())),
                    p.ioThreads());
        }
        var j = base.journal();
        JsonNode jn = root.get("journal");
        if (jn != null) {
            r.object(jn, "journal");
            j = new DaemonConfig.JournalConfig(r.bool(jn, "journal.enabled", "enabled", j.enabled()),
                    r.positiveLong(jn, "journal.segment_bytes", "segment_bytes", j.segmentBytes()),
                    r.positiveLong(jn, "journal.flush_interval_ms", "flush_interval_ms", j.flushIntervalMillis()),
                    r.positiveLong(jn, "journal.flush_bytes", "flush_bytes", j.flushBytes()),
                    r.positiveLong(jn, "journal.max_bytes", "max_bytes", j.maxBytes()),
                    java.time.Duration.ofHours(r.positiveLong(jn, "journal.max_age_hours", "max_age_hours",
                            j.maxAge().toHours())),
                    r.positiveLong(jn, "journal.min_free_bytes", "min_free_bytes", j.minFreeBytes()),
                    r.bool(jn, "journal.direct_io", "direct_io", j.directIo()));
        }
        var relp = base.relp();
        JsonNode relpNode = root.get("relp");
        if (relpNode != null) {
            r.object(relpNode, "relp");
            relp = new DaemonConfig.RelpConfig(r.string(relpNode, "bind", relp.bind()),
                    r.port(relpNode, "relp.port", "port", relp.port()),
                    tls(r, relpNode.get("tls"), relp.tls(), file, dir, "relp.tls", DaemonConfig.RelpConfig.DEFAULT_TLS_PORT));
        }
        var json = base.json();
        JsonNode jsonNode = root.get("json");
        if (jsonNode != null) {
            r.object(jsonNode, "json");
            json = new DaemonConfig.JsonConfig(r.string(jsonNode, "bind", json.bind()),
                    r.port(jsonNode, "json.port", "port", json.port()));
        }
        return new DaemonConfig(dataDir, s, a, ruleDirs, p, zone, al, j, relp, json, ruleFiles);
    }

    /** Typed access with errors that name the file and the key. */
    private record Reader(Path file) {

        void object(JsonNode node, String path) {
            if (!node.isObject()) {
                throw new ConfigException(file + ": " + (path.isEmpty() ? "the top level" : path)
                        + " must be a mapping of keys to values");
            }
            Set<String> known = KNOWN.get(path);
            for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext(); ) {
                String key = it.next();
                if (!known.contains(key)) {
                    throw new ConfigException(file + ": unknown key '" + (path.isEmpty() ? key : path + "." + key)
                            + "'; known keys here: " + String.join(", ", new java.util.TreeSet<>(known)));
                }
            }
        }

        String string(JsonNode node, String key, String fallback) {
            JsonNode v = node.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isValueNode() || v.isNull()) {
                throw new ConfigException(file + ": '" + key + "' must be a plain value");
            }
            return v.asString();
        }

        Path path(JsonNode node, String key, Path fallback, Path dir) {
            String s = string(node, key, null);
            return s == null ? fallback : dir.resolve(s);
        }

        int port(JsonNode node, String fullKey, String key, int fallback) {
            JsonNode v = node.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.canConvertToInt() || v.asInt() < -1 || v.asInt() > 65535) {
                throw new ConfigException(file + ": " + fullKey + " must be a port number 0-65535 (0 = any free port, -1 = disabled), not '"
                        + v.asString() + "'");
            }
            return v.asInt();
        }

        long positiveLong(JsonNode node, String fullKey, String key, long fallback) {
            JsonNode v = node.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.canConvertToLong() || v.asLong() <= 0) {
                throw new ConfigException(file + ": " + fullKey + " must be a positive integer, not '" + v.asString() + "'");
            }
            return v.asLong();
        }

        boolean bool(JsonNode node, String fullKey, String key, boolean fallback) {
            JsonNode v = node.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isBoolean()) {
                throw new ConfigException(file + ": " + fullKey + " must be true or false, not '" + v.asString() + "'");
            }
            return v.asBoolean();
        }

        int positiveInt(JsonNode node, String fullKey, String key, int fallback) {
            JsonNode v = node.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.canConvertToInt() || v.asInt() <= 0) {
                throw new ConfigException(file + ": " + fullKey + " must be a positive integer, not '" + v.asString() + "'");
            }
            return v.asInt();
        }
    }
}
