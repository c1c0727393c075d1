package org.socd.benchmarks;

import java.io.ByteArrayOutputStream;
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
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;
import org.socd.protocol.syslog.SyslogParser;

/**
 * Framing and parsing of syslog lines into {@link org.socd.protocol.event.Event}s, RFC 3164
 * against RFC 5424, with the same work on both sides: the next line is found in an LF-delimited
 * stream (as a TCP read delivers it), handed to {@link SyslogParser#parse} as a slice of that
 * buffer, and the event is returned to JMH's blackhole.
 *
 * <p>Both streams carry the same 1024 messages (sshd, sudo, postfix, cron, kernel and Cisco texts
 * of ~150-200 bytes with varied hosts, pids, times, addresses and ids, so the JIT cannot
 * specialise on one input): once with a BSD header ({@code <38>Nov  3 04:05:06 host sshd[123]: }),
 * once with an RFC 5424 header as rsyslog or a modern appliance writes it (RFC 3339 timestamp with
 * microseconds and an offset, hostname, app-name, procid, msgid, one or two SD-ELEMENTs with a few
 * params, one line in eight with an escaped value, and a UTF-8 BOM before MSG). The difference
 * between the two figures is therefore what the RFC 5424 header costs. Goals: 1M RFC 3164 lines/s
 * on one core, RFC 5424 within 1.5x of that. {@link SyslogParseCpuTime} runs the same two methods
 * and counts CPU time instead of wall time, for machines shared with other work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SyslogParseBenchmark {

    private static final int LINES = 1024;

    private final SyslogParser parser = new SyslogParser(ZoneOffset.UTC, Clock.systemUTC());
    private final ReceiveMetadata meta = new ReceiveMetadata("syslog-tcp", "10.20.30.40", 51514,
            System.currentTimeMillis() * 1_000_000L);

    private LfStream rfc3164;
    private LfStream rfc5424;

    @Setup
    public void buildLines() {
        Random random = new Random(42);
        ByteArrayOutputStream bsd = new ByteArrayOutputStream();
        ByteArrayOutputStream ietf = new ByteArrayOutputStream();
        for (int i = 0; i < LINES; i++) {
            Message m = message(random);
            bsd.writeBytes((bsdLine(m) + "\n").getBytes(StandardCharsets.UTF_8));
            ietf.writeBytes((ietfLine(m, random) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        rfc3164 = new LfStream(bsd.toByteArray());
        rfc5424 = new LfStream(ietf.toByteArray());
    }

    @Benchmark
    public Event rfc3164() {
        return rfc3164.next(parser, meta);
    }

    @Benchmark
    public Event rfc5424WithStructuredData() {
        return rfc5424.next(parser, meta);
    }

    /**
     * The same, plus reading one SD-PARAM, which builds the structured data's maps: what an event
     * costs when a rule or an output does look at its structured data.
     */
    @Benchmark
    public Object rfc5424ReadingStructuredData() {
        return rfc5424.next(parser, meta).get("structured_data.origin.ip");
    }

    /** Lines laid end to end, each ended by LF, read in a cycle: the LF framing of RFC 6587. */
    static final class LfStream {
        private final byte[] bytes;
        private int pos;

        LfStream(byte[] bytes) {
            this.bytes = bytes;
        }

        Event next(SyslogParser parser, ReceiveMetadata meta) {
            int from = pos;
            int lf = from;
            while (bytes[lf] != '\n') {
                lf++;
            }
            pos = lf + 1 == bytes.length ? 0 : lf + 1;
            return parser.parse(bytes, from, lf - from, meta);
        }
    }

    /** One message's content, written below in either header format. */
    private record Message(int pri, long epochSecond, int micros, String host, String app, String procid,
            String msgid, String text) {
    }

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final String[] USERS = {"root", "alice", "bob", "svc_backup", "administrator", "deploy"};

    private static Message message(Random r) {
        long epochSecond = 1_790_000_000L + r.nextInt(30_000_000);
        int micros = r.nextInt(1_000_000);
        String host = "pc-" + (1000 + r.nextInt(1200)) + ".corp.example.org";
        String ip = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
        String user = USERS[r.nextInt(USERS.length)];
        String pid = Integer.toString(1000 + r.nextInt(60000));
        // A session id and sequence bring the mix to ~200-byte lines, the typical size seen from the fleet.
        String tail = " sid=" + Long.toHexString(r.nextLong()) + " seq=" + r.nextInt(1_000_000);
        return switch (r.nextInt(6)) {
            case 0 -> new Message(38, epochSecond, micros, host, "sshd", pid, "-", "Failed password for invalid user "
                    + user + " from " + ip + " port " + (1024 + r.nextInt(60000)) + " ssh2; attempt " + r.nextInt(9)
                    + " of 6 on tty" + tail);
            case 1 -> new Message(86, epochSecond, micros, host, "sudo", null, "-", user + " : TTY=pts/" + r.nextInt(9)
                    + " ; PWD=/home/" + user + " ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx.service --no-block"
                    + tail);
            case 2 -> new Message(22, epochSecond, micros, host, "postfix/smtpd", pid, "-", "NOQUEUE: reject: RCPT from unknown["
                    + ip + "]: 554 5.7.1 Service unavailable; from=<" + user + "@example.net> proto=ESMTP" + tail);
            case 3 -> new Message(78, epochSecond, micros, host, "CROND", pid, "-", "(" + user
                    + ") CMD (/usr/local/bin/backup.sh --target /srv/backup/" + r.nextInt(100) + " --quiet >/dev/null 2>&1)"
                    + tail);
            case 4 -> new Message(4, epochSecond, micros, host, "kernel", null, "-", "[UFW BLOCK] IN=eth0 OUT= "
                    + "MAC=52:54:00:12:34:56 SRC=" + ip + " DST=10.0.0.1 LEN=60 TOS=0x00 PROTO=TCP SPT=" + r.nextInt(65536)
                    + " DPT=22" + tail);
            default -> new Message(189, epochSecond, micros, "rtr-" + r.nextInt(40) + ".corp.example.org", null,
                    Integer.toString(r.nextInt(100000)), "SEC_LOGIN-4-LOGIN_FAILED", "Login failed [user: " + user
                    + "] [Source: " + ip + "] [localport: 22] [Reason: Login Authentication Failed] at 18:46:11 UTC" + tail);
        };
    }

    /** {@code <PRI>Mmm dd hh:mm:ss host tag[pid]: text}; the Cisco message in its own dialect. */
    private static String bsdLine(Message m) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(m.epochSecond(), 0, ZoneOffset.UTC);
        String ts = String.format("%s %2d %02d:%02d:%02d", MONTHS[t.getMonthValue() - 1], t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
        if (m.app() == null) {
            return "<" + m.pri() + ">" + m.procid() + ": *" + ts + "." + String.format("%03d", m.micros() / 1000) + " UTC: %" + m.msgid() + ": "
                    + m.text();
        }
        return "<" + m.pri() + ">" + ts + " " + m.host() + " " + m.app() + (m.procid() != null ? "[" + m.procid() + "]" : "")
                + ": " + m.text();
    }

    /** {@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD][SD] BOM text}. */
    private static String ietfLine(Message m, Random r) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(m.epochSecond(), 0, ZoneOffset.ofHours(2));
        String ts = String.format("%04d-%02d-%02dT%02d:%02d:%02d.%06d+02:00", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), m.micros());
        String sd = "[origin ip=\"10.1." + r.nextInt(256) + "." + r.nextInt(256) + "\" software=\"rsyslogd\" swVersion=\"8.2302."
                + r.nextInt(10) + "\"]";
        if (r.nextBoolean()) {
            sd += "[meta sequenceId=\"" + r.nextInt(1_000_000) + "\" sysUpTime=\"" + r.nextInt(100_000_000) + "\""
                    + (r.nextInt(4) == 0 ? " note=\"quoted \\\"x\\\" and \\]\"" : "") + "]";
        }
        return "<" + m.pri() + ">1 " + ts + " " + m.host() + " " + (m.app() != null ? m.app() : "ios") + " "
                + (m.procid() != null ? m.procid() : "-") + " " + m.msgid() + " " + sd + " \uFEFF" + m.text();
    }
}
