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
import org.socd.protocol.decoders.DecoderRegistry;
import org.socd.protocol.event.ReceiveMetadata;
import org.socd.protocol.syslog.SyslogDecoding;
import org.socd.protocol.syslog.SyslogParser;

/**
 * What the decode stage does to an sshd line: {@link SyslogDecoding#decode} (parse and field
 * decoders) against {@link SyslogParser#parse} alone on the same 1024 lines, so the difference is
 * the decoders' cost. The lines mix the sshd messages a fleet sees most: failed and accepted
 * passwords and keys, invalid users, closed connections and disconnects.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SyslogDecodeBenchmark {

    private static final int LINES = 1024;
    private static final String[] USERS = {"root", "alice", "bob", "svc_backup", "administrator", "deploy", "oracle"};

    private final SyslogParser parser = new SyslogParser(ZoneOffset.UTC, Clock.systemUTC());
    private final SyslogDecoding decoding = new SyslogDecoding(parser, DecoderRegistry.defaults());
    private final ReceiveMetadata meta = new ReceiveMetadata("syslog-udp", "10.20.30.40", 51514,
            System.currentTimeMillis() * 1_000_000L);

    private byte[][] sshd;
    private int nextParse;
    private int nextDecode;

    @Setup
    public void buildLines() {
        Random r = new Random(22);
        sshd = new byte[LINES][];
        for (int i = 0; i < LINES; i++) {
            sshd[i] = sshdLine(r).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    public void sshdParseOnly(Blackhole bh) {
        byte[] line = sshd[nextParse++ & (LINES - 1)];
        bh.consume(parser.parse(line, 0, line.length, meta));
    }

    @Benchmark
    public void sshdParseAndDecode(Blackhole bh) {
        byte[] line = sshd[nextDecode++ & (LINES - 1)];
        bh.consume(decoding.decode(line, 0, line.length, meta));
    }

    private static String sshdLine(Random r) {
        String ts = String.format("Nov %2d %02d:%02d:%02d", 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60));
        String host = "srv-" + r.nextInt(300) + ".corp.example.org";
        String ip = r.nextInt(223) + 1 + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
        String user = USERS[r.nextInt(USERS.length)];
        int port = 1024 + r.nextInt(60000);
        String head = "<38>" + ts + " " + host + " sshd[" + (1000 + r.nextInt(60000)) + "]: ";
        return head + switch (r.nextInt(6)) {
            case 0 -> "Failed password for invalid user " + user + " from " + ip + " port " + port + " ssh2";
            case 1 -> "Failed password for " + user + " from " + ip + " port " + port + " ssh2";
            case 2 -> "Accepted publickey for " + user + " from " + ip + " port " + port + " ssh2: ED25519 SHA256:"
                    + Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
            case 3 -> "Invalid user " + user + " from " + ip + " port " + port;
            case 4 -> "Connection closed by authenticating user " + user + " " + ip + " port " + port + " [preauth]";
            default -> "Received disconnect from " + ip + " port " + port + ":11: Bye Bye [preauth]";
        };
    }
}
