package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.config.DaemonConfig;
import tools.jackson.databind.JsonNode;

/**
 * rsyslog (Debian's rsyslog and rsyslog-gnutls, installed by .ci/run) relays lines to socd with
 * {@code omfwd}: octet-counted RFC 5424 over TCP, and over TLS with the gtls driver presenting a
 * client certificate that socd checks against its CA. rsyslog takes the lines on its own imtcp
 * inputs on free ports, which the test writes to, so no system socket is involved.
 */
class RsyslogInteropIT {

    private static final int N = 20;

    @TempDir
    static Path dir;
    static RunningDaemon d;
    static Process rsyslog;
    static Path log;
    static int tcpIn;
    static int tlsIn;

    @BeforeAll
    static void start() throws Exception {
        Certs certs = Certs.create(dir.resolve("pki"));
        d = new RunningDaemon(dir.resolve("data"), new DaemonConfig.SyslogConfig("127.0.0.1", 0, 0, 64 * 1024,
                600, 4096, 64, new DaemonConfig.TlsConfig(0, certs.serverCert(), certs.serverKey(), certs.ca(), true)),
                List.of(InteropRule.directory(dir)));
        tcpIn = Peers.freePort();
        tlsIn = Peers.freePort();
        Path work = Files.createDirectories(dir.resolve("rsyslog"));
        Path conf = work.resolve("rsyslog.conf");
        Files.writeString(conf, """
                global(workDirectory="%1$s"
                       DefaultNetstreamDriverCAFile="%2$s"
                       DefaultNetstreamDriverCertFile="%3$s"
                       DefaultNetstreamDriverKeyFile="%4$s")
                module(load="imtcp")
                input(type="imtcp" address="127.0.0.1" port="%5$d" ruleset="tcp")
                input(type="imtcp" address="127.0.0.1" port="%6$d" ruleset="tls")
                ruleset(name="tcp") {
                  action(type="omfwd" target="127.0.0.1" port="%7$d" protocol="tcp"
                         TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format")
                }
                ruleset(name="tls") {
                  action(type="omfwd" target="127.0.0.1" port="%8$d" protocol="tcp"
                         StreamDriver="gtls" StreamDriverMode="1" StreamDriverAuthMode="x509/name"
                         StreamDriverPermittedPeers="localhost")
                }
                """.formatted(work, certs.ca(), certs.clientCert(), certs.clientKey(), tcpIn, tlsIn,
                d.daemon.syslogTcpAddress().getPort(), d.daemon.syslogTlsAddress().getPort()));
        log = work.resolve("rsyslogd.log");
        rsyslog = Peers.start(log, Map.of(), "rsyslogd", "-n", "-f", conf.toString(), "-i", work.resolve("rsyslogd.pid").toString());
        Peers.awaitListening(tcpIn, rsyslog, log);
        Peers.awaitListening(tlsIn, rsyslog, log);
    }

    @AfterAll
    static void stop() throws Exception {
        Peers.stop(rsyslog);
        if (d != null) {
            d.close();
        }
    }

    private static void check(List<JsonNode> events, String input) {
        for (JsonNode e : events) {
            assertEquals("myhost", e.path("hostname").asString(), e.toString());
            assertEquals(InteropRule.APPNAME, e.path("appname").asString(), e.toString());
            assertEquals("4242", e.path("procid").asString(), e.toString());
            assertEquals(19, e.path("facility").asInt(), e.toString());
            assertEquals(5, e.path("severity").asInt(), e.toString());
            assertEquals(input, e.path("input").asString(), e.toString());
            assertEquals(true, e.path("message").asString().strip().endsWith(" user=alice"), e.toString());
        }
    }

    @Test
    void omfwdOctetCountedTcp() throws Exception {
        Peers.sendLines(tcpIn, Peers.interopLines("rsytcp", N));
        check(Delivery.exactlyOnce(d, "rsytcp", N), "syslog-tcp");
    }

    @Test
    void omfwdTlsWithGtlsAndAClientCertificate() throws Exception {
        Peers.sendLines(tlsIn, Peers.interopLines("rsytls", N));
        check(Delivery.exactlyOnce(d, "rsytls", N), "syslog-tls");
        assertEquals(0.0, d.metric("socd_tls_handshake_failures_total", "syslog-tls"), Peers.log(log));
    }
}
