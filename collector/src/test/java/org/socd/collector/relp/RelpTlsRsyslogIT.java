package org.socd.collector.relp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.daemon.Certs;
import org.socd.collector.journal.Journal;
import org.socd.collector.journal.JournalReader;
import org.socd.collector.journal.JournalRecord;
import org.socd.collector.journal.JournalSettings;

/**
 * Real rsyslog {@code omrelp} with {@code tls="on"} (librelp over GnuTLS) forwarding to socd's
 * RELP-over-TLS listener, configured only with the {@code --relp-tls-*} flags: both sides check
 * each other's certificate (socd requires a client certificate from the CA, rsyslog checks
 * socd's name), and every line arrives in the journal exactly once, as input {@code relp-tls}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RelpTlsRsyslogIT {

    private static final int LINES = 2_000;

    @TempDir
    Path dir;

    @Test
    void rsyslogOmrelpOverTlsDeliversEveryLineExactlyOnce() throws Exception {
        Rsyslog.assumeInstalled();
        Certs certs = Certs.create(dir.resolve("pki"));
        Path data = dir.resolve("data");
        int tlsPort = SocdProcess.freePort();
        SocdProcess socd = SocdProcess.start(data, dir.resolve("socd.log"), List.of("--relp-port", "-1",
                "--relp-tls-port", Integer.toString(tlsPort), "--relp-tls-cert", certs.serverCert().toString(),
                "--relp-tls-key", certs.serverKey().toString(), "--relp-tls-client-ca", certs.ca().toString(),
                "--relp-tls-require-client-cert"));
        try (Rsyslog rsyslog = Rsyslog.start(dir, tlsPort, """
                tls="on" tls.caCert="%s" tls.myCert="%s" tls.myPrivKey="%s"
                         tls.authMode="name" tls.permittedPeer=["localhost"]""".formatted(
                certs.ca(), certs.clientCert(), certs.clientKey()))) {
            try (Socket s = new Socket("127.0.0.1", rsyslog.inputPort); OutputStream out = s.getOutputStream()) {
                StringBuilder lines = new StringBuilder();
                for (int i = 1; i <= LINES; i++) {
                    lines.append("<13>Nov 26 23:00:00 tlshost relptls: seq=%06d\n".formatted(i));
                }
                out.write(lines.toString().getBytes(StandardCharsets.US_ASCII));
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (socd.get("/api/v1/journal").get("newest_position").asLong() + 1 < LINES) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not all lines arrived over RELP/TLS; socd log:\n" + socd.logTail()
                            + "\nrsyslog: " + rsyslog.logText());
                }
                SocdProcess.sleep(50);
            }
        } finally {
            socd.close();
        }

        BitSet seen = new BitSet(LINES + 1);
        int records = 0;
        try (Journal journal = Journal.open(JournalSettings.defaults(data.resolve("journal")), new SimpleMeterRegistry());
             JournalReader reader = journal.reader(0)) {
            JournalRecord rec = new JournalRecord();
            while (reader.next(rec)) {
                assertEquals(RelpInput.TLS_INPUT, rec.meta().input(), "position " + rec.position());
                String text = new String(rec.data(), 0, rec.length(), StandardCharsets.UTF_8);
                int at = text.indexOf("seq=");
                int seq = Integer.parseInt(text.substring(at + 4, at + 10));
                assertTrue(!seen.get(seq), "line " + seq + " is in the journal twice (position " + rec.position() + ")");
                seen.set(seq);
                records++;
            }
        }
        assertEquals(LINES, records, "every line once; first missing: " + seen.nextClearBit(1));
    }
}
