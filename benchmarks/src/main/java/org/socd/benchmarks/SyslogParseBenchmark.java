package org.socd.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.socd.protocol.event.ReceiveMetadata;
import org.socd.protocol.syslog.SyslogParser;

/**
 * Throughput of {@link SyslogParser#parse} on realistic lines: ~200-byte RFC 3164 lines from
 * sshd, sudo, postfix, cron, kernel and Cisco, and RFC 5424 lines with structured data.
 *
 * <p>Each invocation parses the next line of a pre-built array of 1024 different lines (varied
 * hosts, pids, times and texts), so the JIT cannot specialize on one input and branch predictors
 * see a realistic mix. The goal for the decode stage is 1M RFC 3164 lines/s on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SyslogParseBenchmark {

    private static final int LINES = 1024;

    private final SyslogParser parser = new SyslogParser(ZoneOffset.UTC, Clock.systemUTC());
    private final ReceiveMetadata meta = new ReceiveMetadata("syslog-udp", "10.20.30.40", 51514,
            System.currentTimeMillis() * 1_000_000L);

    private byte[][] rfc3164;
    private byte[][] rfc5424;
    private int next3164;
    private int next5424;

    @Setup
    public void buildLines() {
        Random random = new Random(42);
        rfc3164 = new byte[LINES][];
        rfc5424 = new byte[LINES][];
        for (int i = 0; i < LINES; i++) {
            rfc3164[i] = bsdLine(random).getBytes(StandardCharsets.UTF_8);
            rfc5424[i] = ietfLine(random).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    public void rfc3164(Blackhole bh) {
        byte[] line = rfc3164[next3164++ & (LINES - 1)];
        bh.consume(parser.parse(line, 0, line.length, meta));
    }

    @Benchmark
    public void rfc5424WithStructuredData(Blackhole bh) {
        byte[] line = rfc5424[next5424++ & (LINES - 1)];
        bh.consume(parser.parse(line, 0, line.length, meta));
    }

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final String[] USERS = {"root", "alice", "bob", "svc_backup", "administrator", "deploy"};

    private static String bsdLine(Random r) {
        String ts = String.format("%s %2d %02d:%02d:%02d", MONTHS[r.nextInt(12)], 1 + r.nextInt(28),
                r.nextInt(24), r.nextInt(60), r.nextInt(60));
        String host = "pc-" + (1000 + r.nextInt(1200)) + ".corp.example.org";
        String ip = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
        String user = USERS[r.nextInt(USERS.length)];
        int pid = 1000 + r.nextInt(60000);
        // A session id and sequence bring the mix to ~200 bytes, the typical size seen from the fleet.
        String tail = " sid=" + Long.toHexString(r.nextLong()) + " seq=" + r.nextInt(1_000_000);
        return switch (r.nextInt(6)) {
            case 0 -> "<38>" + ts + " " + host + " sshd[" + pid + "]: Failed password for invalid user " + user
                    + " from " + ip + " port " + (1024 + r.nextInt(60000)) + " ssh2; attempt " + r.nextInt(9) + " of 6 on tty" + tail;
            case 1 -> "<86>" + ts + " " + host + " sudo: " + user + " : TTY=pts/" + r.nextInt(9)
                    + " ; PWD=/home/" + user + " ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx.service --no-block" + tail;
            case 2 -> "<22>" + ts + " " + host + " postfix/smtpd[" + pid + "]: NOQUEUE: reject: RCPT from unknown[" + ip
                    + "]: 554 5.7.1 Service unavailable; from=<" + user + "@example.net> proto=ESMTP" + tail;
            case 3 -> "<78>" + ts + " " + host + " CROND[" + pid + "]: (" + user
                    + ") CMD (/usr/local/bin/backup.sh --target /srv/backup/" + r.nextInt(100) + " --quiet >/dev/null 2>&1)" + tail;
            case 4 -> "<4>" + ts + " " + host + " kernel: [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:34:56 SRC=" + ip
                    + " DST=10.0.0.1 LEN=60 TOS=0x00 PROTO=TCP SPT=" + r.nextInt(65536) + " DPT=22" + tail;
            default -> "<189>" + r.nextInt(100000) + ": *" + ts + ".123 UTC: %SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: "
                    + user + "] [Source: " + ip + "] [localport: 22] [Reason: Login Authentication Failed] at 18:46:11 UTC" + tail;
        };
    }

    private static String ietfLine(Random r) {
        String ts = String.format("2026-%02d-%02dT%02d:%02d:%02d.%06d+03:30", 1 + r.nextInt(12), 1 + r.nextInt(28),
                r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000));
        String host = "srv-" + r.nextInt(200) + ".corp.example.org";
        String ip = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
        String user = USERS[r.nextInt(USERS.length)];
        return "<" + (r.nextInt(24) * 8 + r.nextInt(8)) + ">1 " + ts + " " + host + " app" + r.nextInt(20) + " "
                + (1000 + r.nextInt(60000)) + " ID" + r.nextInt(100)
                + " [origin ip=\"" + ip + "\" software=\"socd-agent\" swVersion=\"1.2." + r.nextInt(10) + "\"]"
                + "[meta sequenceId=\"" + r.nextInt(1_000_000) + "\" user=\"" + user + "\" note=\"quoted \\\"x\\\" and \\]\"]"
                + " \uFEFFuser " + user + " logged in from " + ip;
    }
}
