package org.socd.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.socd.correlator.alerts.Alert;
import org.socd.correlator.alerts.AlertPage;
import org.socd.correlator.alerts.AlertQuery;
import org.socd.correlator.alerts.AlertStats;
import org.socd.correlator.alerts.AlertStore;
import org.socd.correlator.alerts.StatsQuery;

/**
 * Search latency of the alert store on {@code alerts} synthetic alerts ({@link SyntheticAlerts}),
 * through {@link AlertStore#search} and {@link AlertStore#stats} exactly as the API calls them
 * (newest 50 first, exact total). Sample-time mode, so JMH reports p50/p99/max.
 *
 * <p>The index is built once per size under {@code -Dsocd.bench.dir} (default
 * {@code /tmp/socd-alert-bench}) through {@link AlertStore#accept}, the pipeline's path, on one
 * thread; the setup prints the indexing rate. Later runs reuse it. {@link #byId} is the
 * baseline: the cheapest query there is.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AlertStoreBenchmark {

    @Param("1000000")
    long alerts;

    private AlertStore store;
    private final Clock clock = Clock.fixed(SyntheticAlerts.END, ZoneOffset.UTC);
    private String someId;

    @Setup(Level.Trial)
    public void open() throws IOException {
        Path dir = Path.of(System.getProperty("socd.bench.dir", "/tmp/socd-alert-bench")).resolve(Long.toString(alerts));
        Path done = dir.resolve("complete");
        if (!Files.exists(done)) {
            deleteTree(dir);
            build(dir.resolve("alerts"), alerts, clock);
            Files.writeString(done, "ok\n");
        }
        store = AlertStore.open(dir.resolve("alerts"), new SimpleMeterRegistry(), clock);
        someId = String.format("%032x", alerts / 2);
        System.out.println("\nindex: " + store.count() + " alerts in " + dir + " (" + sizeMb(dir) + " MB)");
    }

    /**
     * Indexes {@code n} alerts on one thread the way the pipeline does; prints the rate, the CPU
     * it cost, what generating the alerts alone costs (it runs on the same thread), and how long
     * accepted alerts took to become searchable meanwhile.
     */
    static void build(Path index, long n, Clock clock) throws IOException {
        // CPU time as well as wall time: on a shared machine the wall time says how much CPU
        // the run got, the CPU time what the indexing cost.
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long generated = Math.min(n, 500_000);
        long gen0 = threads.getCurrentThreadCpuTime();
        SyntheticAlerts alone = new SyntheticAlerts(n);
        for (long i = 0; i < generated; i++) {
            alone.next(i); // not optimised away: each call advances the generator's random state
        }
        double genMicros = (threads.getCurrentThreadCpuTime() - gen0) / 1e3 / generated;
        SyntheticAlerts synthetic = new SyntheticAlerts(n);
        long thread0 = threads.getCurrentThreadCpuTime();
        long process0 = os.getProcessCpuTime();
        long written0 = bytesWritten();
        long t0 = System.nanoTime();
        try (AlertStore s = AlertStore.open(index, new SimpleMeterRegistry(), clock);
             VisibilityProbe probe = new VisibilityProbe(s)) {
            for (long i = 0; i < n; i++) {
                Alert alert = synthetic.next(i);
                s.accept(alert);
                probe.accepted(alert.id());
                if (i % 1024 == 1023) {
                    s.endOfBatch();
                }
                if (i % 1_000_000 == 999_999) {
                    double sec = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("%n  indexed %,d in %.1f s (%,.0f alerts/s)", i + 1, sec, (i + 1) / sec);
                }
            }
            s.endOfBatch();
            probe.report();
        } // close commits
        double sec = (System.nanoTime() - t0) / 1e9;
        double threadSec = (threads.getCurrentThreadCpuTime() - thread0) / 1e9;
        double processSec = (os.getProcessCpuTime() - process0) / 1e9;
        long written = bytesWritten() - written0;
        System.out.printf("%nindexing: %,d alerts in %.1f s = %,.0f alerts/s (one thread, commit included)%n", n, sec, n / sec);
        System.out.printf("indexing CPU: calling thread %.1f s = %,.0f alerts per CPU-second; whole process %.1f s"
                + " (merges, refreshes, commits; synthetic alert generation included)%n",
                threadSec, n / threadSec, processSec);
        System.out.printf("synthetic alert generation alone (%,d alerts before the run): %.2f µs CPU per alert,"
                + " included above; the calling thread without it: %,.0f alerts per CPU-second%n",
                generated, genMicros, n / (threadSec - genMicros * n / 1e6));
        if (written0 >= 0) {
            // Merges rewrite what flushes wrote; bytes written over the index size says how often.
            System.out.printf("written by the process: %,d MB, %.1fx the index%n", written >> 20,
                    (double) written / sizeBytes(index));
        }
    }

    /** Bytes the process passed to write calls so far (Linux /proc/self/io), or -1 elsewhere. */
    private static long bytesWritten() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("wchar:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the figure is skipped
        }
        return -1;
    }

    /**
     * Measures how long accepted alerts take to become searchable while the build runs: about
     * once a second it takes the alert just accepted and polls {@link AlertStore#get} every
     * 5 ms until it is found. The issue wants search within 1 s of detection.
     */
    private static final class VisibilityProbe implements AutoCloseable {
        private final AlertStore store;
        private final Thread thread;
        private final java.util.List<Long> lagsMicros = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean wanted;
        private volatile String id;
        private volatile long acceptedNanos;

        VisibilityProbe(AlertStore store) {
            this.store = store;
            this.thread = new Thread(this::run, "visibility-probe");
            thread.setDaemon(true);
            thread.start();
        }

        /** Called by the indexing thread after each accept; one volatile read unless a probe is due. */
        void accepted(String alertId) {
            if (wanted) {
                acceptedNanos = System.nanoTime();
                id = alertId;
                wanted = false;
            }
        }

        private void run() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(1000); // one probe a second: a sample, not a load on the store
                    id = null;
                    wanted = true;
                    String probeId;
                    while ((probeId = id) == null) {
                        Thread.sleep(1); // the indexing thread names the next alert it accepts
                    }
                    long accepted = acceptedNanos;
                    while (store.get(probeId).isEmpty()) {
                        // Polled: the store has no "visible" callback. The lag reported is thus
                        // up to 5 ms longer than the true one, never shorter.
                        Thread.sleep(5);
                    }
                    lagsMicros.add((System.nanoTime() - accepted) / 1000);
                }
            } catch (InterruptedException | RuntimeException e) {
                // interrupted at the end of the build (or the store closed under it): done
            }
        }

        void report() {
            long[] lags = lagsMicros.stream().mapToLong(Long::longValue).sorted().toArray();
            if (lags.length == 0) {
                return;
            }
            System.out.printf("%nsearchable after accept (%d probes, one a second): median %.0f ms, p90 %.0f ms, max %.0f ms%n",
                    lags.length, lags[lags.length / 2] / 1e3, lags[(int) (lags.length * 0.9)] / 1e3, lags[lags.length - 1] / 1e3);
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    private AlertPage search(String q, Duration window) {
        return store.search(new AlertQuery(q, window == null ? null : SyntheticAlerts.END.minus(window), null, 50));
    }

    /** Baseline: one alert by id. */
    @Benchmark
    public Object byId() {
        return store.get(someId);
    }

    /** (a) level + the last 24 h. */
    @Benchmark
    public AlertPage levelLast24h() {
        return search("level:high", Duration.ofHours(24));
    }

    /** (b) host prefix over all time. */
    @Benchmark
    public AlertPage hostPrefix() {
        return search("host:host-001*", null);
    }

    /** (c) CIDR on the source address over all time. */
    @Benchmark
    public AlertPage sourceCidr() {
        return search("src_ip:10.42.0.0/16", null);
    }

    /** (d) one rare word in the message over all time. */
    @Benchmark
    public AlertPage messageWord() {
        return search("kerberos", null);
    }

    /** (e) counts by rule (and the histogram) over 30 days. */
    @Benchmark
    public AlertStats statsByRule30d() {
        var from = SyntheticAlerts.END.minus(Duration.ofDays(30));
        return store.stats(new StatsQuery("", from, SyntheticAlerts.END, StatsQuery.GroupBy.RULE, 10,
                StatsQuery.autoInterval(from, SyntheticAlerts.END)));
    }

    /**
     * (e) as the API sees it: 30 days back from a "now" in the middle of a day and of a minute,
     * so the window has partial days at both ends and the histogram's boundaries cut minutes.
     */
    @Benchmark
    public AlertStats statsByRule30dFromNow() {
        var to = SyntheticAlerts.END.minus(Duration.ofHours(7).plusMinutes(13).plusMillis(29_417));
        var from = to.minus(Duration.ofDays(30));
        return store.stats(new StatsQuery("", from, to, StatsQuery.GroupBy.RULE, 10, StatsQuery.autoInterval(from, to)));
    }

    private static long sizeMb(Path dir) {
        return sizeBytes(dir) / (1024 * 1024);
    }

    private static long sizeBytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
