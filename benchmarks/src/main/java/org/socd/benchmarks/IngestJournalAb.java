package org.socd.benchmarks;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.socd.collector.daemon.Daemon;

/**
 * End-to-end syslog TCP ingest with the journal on against off, as {@link IngestBenchmark}
 * measures it, but both daemons in one JVM and in alternating rounds: the A/B comparison for a
 * shared machine. Separate JMH forks of the same build on the 2-core development VM differed by
 * up to ±15 % minutes apart, more than the difference being measured; rounds of a second or two
 * that alternate see the same neighbours and the same state of the machine.
 *
 * <p>A round sends {@code LINES} lines (the benchmark's 50,000 different lines, repeated) over one
 * connection, one batch of 50,000 in flight as in {@link IngestBenchmark} (a batch is written
 * once the one before the previous is decoded; add {@code flood} to write them all as fast as
 * the daemon takes them, when the journal takes in more than the pipeline processes and feeds
 * the rest back from disk), and times the daemon from the moment it has
 * decoded 10 % of them to 90 %: the sustained rate, without the start (where the journal first
 * waits a group commit before anything is processed) and the drain. Then it waits until all are
 * decoded and turns to the other daemon. The order within a pair alternates.
 *
 * <p>Prints each pair, the medians, and the median of the per-pair ratios on/off.
 *
 * <p>{@code daemons=K} starts K daemons of each kind and takes them in turn, round after round.
 * Each daemon's rules and indexes land somewhere else in memory, and on this 2-core VM that
 * alone moved one daemon's detect-stage cost per line by up to ±15 % against another's, the
 * journal aside: with one daemon per kind a run measures that luck as much as the journal.
 *
 * <p>{@code threads} also prints each round's CPU per line by thread (names without their
 * numbers), to see which stage the journal's cost lands on.
 *
 * <p>{@code sched} also prints, for the daemon's own threads over the timed 10-90 % of each
 * round, the share of the wall clock each kind ran and waited, runnable, for a CPU (Linux's
 * schedstat): whether the detect stage, the bottleneck, is busy, crowded off its core, or
 * asleep on an empty ring.
 *
 * <p>{@code ring=N} gives both kinds of daemon a ring of N slots instead of the default;
 * {@code flush=BYTES} the journal a group commit every BYTES instead of the default.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.socd.benchmarks.IngestJournalAb [ROUNDS [LINES [flood] [threads] [sched] [daemons=K] [ring=N] [flush=BYTES]]]</pre>
 */
public final class IngestJournalAb {

    private IngestJournalAb() {
    }

    /** One daemon with its connection. */
    private record Target(String name, Daemon daemon, Path dir, Socket socket, OutputStream out) implements AutoCloseable {

        static Target start(boolean journal, int ring, long flushBytes) throws Exception {
            Path dir = Files.createTempDirectory("socd-ingest-ab");
            Daemon d = IngestBenchmark.startDaemon(dir, journal, ring, flushBytes);
            Socket s = new Socket("127.0.0.1", d.syslogTcpAddress().getPort());
            return new Target(journal ? "on" : "off", d, dir, s, s.getOutputStream());
        }

        @Override
        public void close() throws Exception {
            socket.close();
            daemon.close();
            IngestBenchmark.delete(dir);
        }
    }

    /**
     * The sustained rate of one round, lines per second, the process CPU per line over all of it,
     * and the share of lines the journal fed to the pipeline from disk rather than from memory.
     */
    private record Round(double rate, double cpuMicrosPerLine, double fromDisk, Map<String, Double> threadMicrosPerLine,
                         String sched) {

        String describe() {
            return String.format("%,9.0f lines/s (%.2f µs CPU/line%s)", rate, cpuMicrosPerLine,
                    Double.isNaN(fromDisk) ? "" : String.format(", %.0f %% from disk", 100 * fromDisk));
        }

        /** The threads that took at least 0.01 µs per line, costliest first. */
        String threads() {
            StringBuilder b = new StringBuilder();
            threadMicrosPerLine.entrySet().stream()
                    .filter(e -> e.getValue() >= 0.01)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> b.append(String.format(" %s %.2f", e.getKey(), e.getValue())));
            return b.toString();
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int batches = Math.max(1, (args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000) / IngestBenchmark.BATCH);
        byte[] batch = IngestBenchmark.batch();
        List<String> options = Arrays.asList(args).subList(Math.min(2, args.length), args.length);
        boolean flood = options.contains("flood");
        boolean threads = options.contains("threads");
        boolean sched = options.contains("sched");
        int daemons = intOption(options, "daemons=", 1);
        int ring = intOption(options, "ring=", 0);
        int flushBytes = intOption(options, "flush=", 0);
        List<Target> ons = new ArrayList<>();
        List<Target> offs = new ArrayList<>();
        try {
            for (int i = 0; i < daemons; i++) {
                ons.add(Target.start(true, ring, flushBytes));
                offs.add(Target.start(false, ring, flushBytes));
            }
            for (int i = 0; i < 3; i++) { // warm-up: the JIT compiler, the page cache, the sockets
                for (int d = 0; d < daemons; d++) {
                    round(ons.get(d), batch, batches, flood);
                    round(offs.get(d), batch, batches, flood);
                }
            }
            List<Double> onRates = new ArrayList<>();
            List<Double> offRates = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                boolean onFirst = r % 2 == 0;
                Target on = ons.get(r % daemons);
                Target off = offs.get(r % daemons);
                Round a = round(onFirst ? on : off, batch, batches, flood);
                Round b = round(onFirst ? off : on, batch, batches, flood);
                Round rOn = onFirst ? a : b;
                Round rOff = onFirst ? b : a;
                onRates.add(rOn.rate());
                offRates.add(rOff.rate());
                ratios.add(rOn.rate() / rOff.rate());
                System.out.printf("round %2d (daemons %d): on %s   off %s   on/off %.3f%n", r + 1, r % daemons + 1,
                        rOn.describe(), rOff.describe(), rOn.rate() / rOff.rate());
                if (threads) {
                    System.out.printf("  µs/line by thread, on:%s%n  off:%s%n", rOn.threads(), rOff.threads());
                }
                if (sched) {
                    System.out.printf("  share of the wall clock, on:%s%n  off:%s%n", rOn.sched(), rOff.sched());
                }
            }
            System.out.printf("median: on %,.0f lines/s, off %,.0f lines/s; median of the per-pair ratios on/off %.3f (%+.1f %%)%n",
                    median(onRates), median(offRates), median(ratios), 100 * (median(ratios) - 1));
        } finally {
            for (Target t : ons) {
                t.close();
            }
            for (Target t : offs) {
                t.close();
            }
        }
    }

    private static Round round(Target t, byte[] batch, int batches, boolean flood) throws Exception {
        long lines = (long) batches * IngestBenchmark.BATCH;
        long start = IngestBenchmark.decoded(t.daemon());
        long from = start + lines / 10;
        long to = start + lines * 9 / 10;
        long cpu0 = IngestBenchmark.processCpuNanos();
        Map<String, Long> threads0 = IngestBenchmark.threadCpuNanos();
        double disk0 = fed(t.daemon(), "disk");
        double memory0 = fed(t.daemon(), "memory");
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < batches; i++) {
                    if (!flood) {
                        awaitDecoded(t.daemon(), start + (long) (i - 1) * IngestBenchmark.BATCH);
                    }
                    t.out().write(batch);
                    t.out().flush();
                }
            } catch (Exception e) {
                throw new IllegalStateException("sending to the daemon with the journal " + t.name() + " failed", e);
            }
        }, "ab-sender");
        sender.start();
        long tFrom = 0;
        long tTo = 0;
        Map<String, Schedstat.Sample> sched0 = Map.of();
        Map<String, Schedstat.Sample> sched1 = Map.of();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (tTo == 0) {
            long n = IngestBenchmark.decoded(t.daemon());
            long now = System.nanoTime();
            if (tFrom == 0 && n >= from) {
                tFrom = now;
                sched0 = Schedstat.read("socd-");
            }
            if (n >= to) {
                tTo = now;
                sched1 = Schedstat.read("socd-");
            }
            if (now > deadline) {
                throw new IllegalStateException("the daemon with the journal " + t.name() + " decoded only "
                        + (n - start) + " of " + lines + " lines in two minutes");
            }
            // One poll a millisecond: the round lasts a second or more, so the error is 0.1 %,
            // and the wake-ups cost both daemons alike.
            Thread.sleep(1);
        }
        awaitDecoded(t.daemon(), start + lines);
        sender.join();
        long cpu = IngestBenchmark.processCpuNanos() - cpu0;
        Map<String, Double> threads = new TreeMap<>();
        IngestBenchmark.threadCpuNanos().forEach((name, nanos) ->
                threads.put(name, (nanos - threads0.getOrDefault(name, 0L)) / 1e3 / lines));
        double disk = fed(t.daemon(), "disk") - disk0;
        double memory = fed(t.daemon(), "memory") - memory0;
        return new Round((to - from) * 1e9 / (tTo - tFrom), cpu / 1e3 / lines, disk / (disk + memory), threads,
                Schedstat.describe(sched0, sched1, tTo - tFrom));
    }

    /**
     * Waits until {@code daemon} has decoded {@code target} lines in all. Its counter notifies
     * nobody, so this polls it each millisecond: a batch takes ~100 ms to process, so the poll
     * adds at most 1 % to a wait, and costs both daemons alike.
     */
    private static void awaitDecoded(Daemon daemon, long target) throws InterruptedException {
        while (IngestBenchmark.decoded(daemon) < target) {
            Thread.sleep(1);
        }
    }

    /** Records the journal has fed to the pipeline from {@code source} (memory or disk); NaN without a journal. */
    private static double fed(Daemon daemon, String source) {
        var c = daemon.registry().find("socd.journal.fed.records").tag("source", source).counter();
        return c == null ? Double.NaN : c.count();
    }

    private static int intOption(List<String> options, String prefix, int otherwise) {
        return options.stream().filter(o -> o.startsWith(prefix)).findFirst()
                .map(o -> Integer.parseInt(o.substring(prefix.length()))).orElse(otherwise);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
