package org.socd.benchmarks;

import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.socd.collector.config.DaemonConfig;
import org.socd.collector.daemon.Daemon;

/**
 * End-to-end syslog TCP ingest, socket to decoded and rule-checked event, with the journal on
 * and off ({@code journal.enabled}): one invocation sends {@value #BATCH} different ~200-byte
 * lines over one TCP connection and waits until the daemon has decoded all lines of the
 * <em>previous</em> invocation (read from {@code socd_events_decoded_total} in the daemon's
 * registry, see {@link #decoded()}).
 * The daemon runs in this JVM with the bundled rules, data in {@code java.io.tmpdir}.
 *
 * <p>One batch stays in flight so that the figure is the sustained rate of a sender that keeps
 * the daemon busy, like a forwarding rsyslog. Waiting for each batch to drain before sending
 * the next would add the journal's group-commit latency (up to one flush interval plus an
 * fsync, which {@code JournalBenchmark.durableAppend} measures on its own) to every batch and
 * report latency as if it were lost throughput.
 *
 * <p>After each iteration it prints the process CPU time per decoded line (daemon and sender
 * share the JVM; the sender's part is small), which the load of other processes on a shared
 * machine disturbs much less than the rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestBenchmark {

    static final int BATCH = 50_000;

    @Param({"true", "false"})
    public boolean journal;

    /** The pipeline's ring; the daemon's default unless set with {@code -p ring=N}. */
    @Param({"0"})
    public int ring;

    private Path dir;
    private Daemon daemon;
    private Socket socket;
    private OutputStream out;
    private byte[] batch;
    private long expected;
    private long iterationCpuNanos;
    private Map<String, Long> iterationThreadCpu;
    private long iterationDecoded;

    @Setup(Level.Trial)
    public void start() throws IOException {
        dir = Files.createTempDirectory("socd-ingest-bench");
        daemon = startDaemon(dir, journal, ring);
        socket = new Socket("127.0.0.1", daemon.syslogTcpAddress().getPort());
        out = socket.getOutputStream();
        batch = batch();
    }

    /**
     * A daemon with the bundled rules, syslog TCP on a free port and nothing else, the journal
     * on or off; {@code ring} slots, or the default when 0.
     */
    static Daemon startDaemon(Path dir, boolean journal, int ring) throws IOException {
        return startDaemon(dir, journal, ring, 0);
    }

    /** {@link #startDaemon(Path, boolean, int)} with a group commit every {@code flushBytes}, or the default when 0. */
    static Daemon startDaemon(Path dir, boolean journal, int ring, long flushBytes) throws IOException {
        DaemonConfig d = DaemonConfig.defaults();
        var j = d.journal();
        return Daemon.start(new DaemonConfig(dir, new DaemonConfig.SyslogConfig("127.0.0.1", -1, 0, 65536),
                new DaemonConfig.ApiConfig("127.0.0.1", 0), List.of(),
                ring > 0 ? new DaemonConfig.PipelineConfig(ring, d.pipeline().shards()) : d.pipeline(), d.timeZone(), d.alerts(),
                new DaemonConfig.JournalConfig(journal, j.segmentBytes(), j.flushIntervalMillis(),
                        flushBytes > 0 ? flushBytes : j.flushBytes(),
                        4L << 30, j.maxAge(), j.minFreeBytes()),
                new DaemonConfig.RelpConfig("127.0.0.1", -1)), Clock.systemUTC());
    }

    /** {@value #BATCH} different ~200-byte sshd lines, newline-framed. */
    static byte[] batch() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
            b.append("<38>Nov 26 10:00:").append(String.format("%02d", i % 60)).append(" srv-").append(i % 997)
                    .append(" sshd[").append(1000 + i % 30000).append("]: Accepted publickey for user")
                    .append(i % 311).append(" from 10.1.").append(i % 250).append('.').append(i % 199)
                    .append(" port ").append(40000 + i % 20000).append(" ssh2: ED25519 SHA256:abcdefghijklmnop\n");
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Lines of syslog TCP input {@code daemon} has decoded so far. */
    static long decoded(Daemon daemon) {
        Counter c = daemon.registry().find("socd.events.decoded").tag("input", "syslog-tcp").counter();
        return c == null ? 0 : (long) c.count();
    }

    /** Deletes {@code dir} and everything in it. */
    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Setup(Level.Iteration)
    public void markCpu() {
        iterationCpuNanos = processCpuNanos();
        iterationThreadCpu = threadCpuNanos();
        iterationDecoded = decoded();
    }

    /**
     * Prints the process CPU time per decoded line of the iteration, and how it splits over
     * the daemon's threads: on a shared machine the rate swings with the other processes' load,
     * the CPU each line costs much less so.
     */
    @TearDown(Level.Iteration)
    public void reportCpu() {
        long lines = decoded() - iterationDecoded;
        long cpu = processCpuNanos() - iterationCpuNanos;
        if (lines <= 0) {
            return;
        }
        Map<String, Long> now = threadCpuNanos();
        Map<String, Long> perGroup = new TreeMap<>();
        now.forEach((group, nanos) -> perGroup.merge(group, nanos - iterationThreadCpu.getOrDefault(group, 0L), Long::sum));
        StringBuilder b = new StringBuilder();
        perGroup.forEach((group, nanos) -> b.append(String.format(" %s %.2f", group, nanos / 1e3 / lines)));
        System.out.printf(" [journal=%s: %.2f µs process CPU per line (%s), %d lines]", journal, cpu / 1e3 / lines,
                b.toString().trim(), lines);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * CPU time of the live threads, summed by kind (name without its number). GC and JIT
     * threads are not listed: they are the process figure's remainder.
     */
    static Map<String, Long> threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                String name = info.getThreadName();
                String group = name.startsWith("socd-") ? name.replaceAll("-?\\d+$", "")
                        : name.contains("EventLoop") ? "netty" : name.replaceAll("[-#]?\\d+", "");
                groups.merge(group, nanos, Long::sum);
            }
        }
        return groups;
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        socket.close();
        daemon.close();
        delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void syslogTcp() throws Exception {
        out.write(batch);
        out.flush();
        long previous = expected;
        expected += BATCH;
        while (decoded() < previous) {
            // Waits for the previous batch only: the one just written keeps the pipeline busy
            // for ~150 ms, so polling every 5 ms never leaves it idle and costs it no CPU.
            Thread.sleep(5);
        }
    }

    /**
     * Lines decoded so far, read from the daemon's registry in this JVM. Not by scraping
     * {@code /metrics}: a scrape cost ~1 ms of CPU on the same two cores, and with the journal
     * on the daemon takes a whole batch in at once, so the write returns at once and the wait
     * is all polling, while with it off the write blocks until the pipeline has room and few
     * polls follow. At one scrape per 5 ms that charged the journal-on case ~1.3 µs of CPU per
     * line (against ~4-7 µs per line in all) and the off case ~0.15 (per-thread CPU printed by
     * this benchmark, 2026-11-27).
     */
    private long decoded() {
        return decoded(daemon);
    }
}
