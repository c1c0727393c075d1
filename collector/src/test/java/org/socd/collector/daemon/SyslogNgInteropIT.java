package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig;
import tools.jackson.databind.JsonNode;

/**
 * syslog-ng relays lines to socd through its {@code network()} destination (RFC 3164, LF framed)
 * and its {@code syslog()} destination (RFC 5424, octet-counted), each plain and over TLS with a
 * client certificate. syslog-ng conflicts with rsyslog as a Debian package, so .ci/run unpacks
 * syslog-ng-core beside it ({@link Peers#syslogNgRoot()}) and it runs from there.
 */
class SyslogNgInteropIT {

    private static final int N = 20;
    private static final List<String> ROUTES = List.of("nettcp", "systcp", "nettls", "systls");

    @TempDir
    static Path dir;
    static RunningDaemon d;
    static Process syslogNg;
    static Path log;
    static int[] inPorts = new int[ROUTES.size()];

    @BeforeAll
    static void start() throws Exception {
        Path root = Peers.syslogNgRoot();
        Certs certs = Certs.create(dir.resolve("pki"));
        d = new RunningDaemon(dir.resolve("data"), new DaemonConfig.SyslogConfig("127.0.0.1", 0, 0, 64 * 1024,
                600, 4096, 64, new DaemonConfig.TlsConfig(0, certs.serverCert(), certs.serverKey(), certs.ca(), true)),
                List.of(InteropRule.directory(dir)));
        int tcp = d.daemon.syslogTcpAddress().getPort();
        int tls = d.daemon.syslogTlsAddress().getPort();
        String tlsOptions = "tls(ca-file(\"%s\") cert-file(\"%s\") key-file(\"%s\") peer-verify(required-trusted))"
                .formatted(certs.ca(), certs.clientCert(), certs.clientKey());
        String[] destinations = {
            "network(\"127.0.0.1\" port(" + tcp + ") transport(\"tcp\"))",
            "syslog(\"127.0.0.1\" port(" + tcp + ") transport(\"tcp\"))",
            "network(\"127.0.0.1\" port(" + tls + ") transport(\"tls\") " + tlsOptions + ")",
            "syslog(\"127.0.0.1\" port(" + tls + ") transport(\"tls\") " + tlsOptions + ")",
        };
        StringBuilder conf = new StringBuilder("@version: 3.38\noptions { keep-hostname(yes); chain-hostnames(no); time-reopen(1); };\n");
        for (int i = 0; i < ROUTES.size(); i++) {
            inPorts[i] = Peers.freePort();
            String r = ROUTES.get(i);
            conf.append("source s_").append(r).append(" { network(ip(\"127.0.0.1\") port(").append(inPorts[i])
                    .append(") transport(\"tcp\")); };\n");
            // Two destinations share a target address; persist-name tells their queues apart.
            String destination = destinations[i].substring(0, destinations[i].length() - 1)
                    + " persist-name(\"d_" + r + "\"))";
            conf.append("destination d_").append(r).append(" { ").append(destination).append("; };\n");
            conf.append("log { source(s_").append(r).append("); destination(d_").append(r).append("); };\n");
        }
        Path work = Files.createDirectories(dir.resolve("syslog-ng"));
        Path confFile = work.resolve("syslog-ng.conf");
        Files.writeString(confFile, conf);
        log = work.resolve("syslog-ng.log");
        syslogNg = Peers.start(log, Peers.syslogNgEnv(root), root.resolve("usr/sbin/syslog-ng").toString(),
                "-F", "-e", "--no-caps", "-f", confFile.toString(),
                "--module-path=" + root.resolve("usr/lib/syslog-ng/3.38"),
                "-R", work.resolve("persist").toString(), "-p", work.resolve("pid").toString(),
                "-c", work.resolve("ctl").toString());
        for (int port : inPorts) {
            Peers.awaitListening(port, syslogNg, log);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        Peers.stop(syslogNg);
        if (d != null) {
            d.close();
        }
    }

    private static void relay(int route, String input) throws Exception {
        String tag = "sng" + ROUTES.get(route);
        Peers.sendLines(inPorts[route], Peers.interopLines(tag, N));
        List<JsonNode> events;
        try {
            events = Delivery.exactlyOnce(d, tag, N);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nsyslog-ng log:\n" + Peers.log(log), e);
        }
        for (JsonNode e : events) {
            assertEquals("myhost", e.path("hostname").asString(), e.toString());
            assertEquals(InteropRule.APPNAME, e.path("appname").asString(), e.toString());
            assertEquals("4242", e.path("procid").asString(), e.toString());
            assertEquals(19, e.path("facility").asInt(), e.toString());
            assertEquals(5, e.path("severity").asInt(), e.toString());
            assertEquals(input, e.path("input").asString(), e.toString());
            assertEquals(true, e.path("message").asString().endsWith(" user=alice"), e.toString());
        }
    }

    @Test
    void networkDestinationOverTcp() throws Exception {
        relay(0, "syslog-tcp");
    }

    @Test
    void syslogDestinationOverTcp() throws Exception {
        relay(1, "syslog-tcp");
    }

    @Test
    void networkDestinationOverTls() throws Exception {
        relay(2, "syslog-tls");
    }

    @Test
    void syslogDestinationOverTls() throws Exception {
        relay(3, "syslog-tls");
    }
}
