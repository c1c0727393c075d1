package org.socd.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * The two methods of {@link SigmaEvaluationBenchmark} (same rules, same event mix) timed by the
 * thread's CPU time instead of the wall clock, in alternating rounds, for when other work shares
 * the machine: time spent waiting for a core is not counted, and both methods see the same
 * neighbours because their rounds interleave. JMH remains the reference on a quiet machine.
 * Caches shared with other processes still slow both down, so the best round is reported beside
 * the median.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.socd.benchmarks.SigmaEvaluationCpuTime [ROUNDS]</pre>
 */
public final class SigmaEvaluationCpuTime {

    private static final int WARMUP_ROUNDS = 20;
    /**
     * And at least this much CPU time of warm-up: on a loaded machine the JIT compiler threads get
     * their share of the cores late, and 20 short rounds measured partly interpreted or C1 code
     * (two runs of the same jar gave medians 30k and 110k events/s).
     */
    private static final long WARMUP_CPU_NANOS = 10_000_000_000L;
    /** The baseline is ~20× slower: fewer events per round keep the rounds comparable in length. */
    private static final int NAIVE_EVENTS_PER_ROUND = 64;

    /** Keeps the results reachable so the JIT cannot drop the evaluation. */
    private static volatile int sink;

    private SigmaEvaluationCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        SigmaEvaluationBenchmark b = new SigmaEvaluationBenchmark();
        b.load();
        int[] next = new int[1];
        IntSupplier engine = () -> b.engine.evaluate(b.events[next[0]++ & (SigmaEvaluationBenchmark.EVENTS - 1)]).size();
        IntSupplier naive = () -> SigmaEvaluationBenchmark.naiveMatches(b.engine,
                b.events[next[0]++ & (SigmaEvaluationBenchmark.EVENTS - 1)]);
        long warmupStart = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < WARMUP_ROUNDS || threads.getCurrentThreadCpuTime() - warmupStart < WARMUP_CPU_NANOS; i++) {
            round(threads, engine, SigmaEvaluationBenchmark.EVENTS);
            round(threads, naive, NAIVE_EVENTS_PER_ROUND);
        }
        double[] engineNs = new double[rounds];
        double[] naiveNs = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            engineNs[i] = round(threads, engine, SigmaEvaluationBenchmark.EVENTS);
            naiveNs[i] = round(threads, naive, NAIVE_EVENTS_PER_ROUND);
        }
        Arrays.sort(engineNs);
        Arrays.sort(naiveNs);
        System.out.printf("engine: median %,.0f events/s, best %,.0f events/s of CPU time%n",
                1e9 / engineNs[rounds / 2], 1e9 / engineNs[0]);
        System.out.printf("naive:  median %,.0f events/s, best %,.0f events/s of CPU time%n",
                1e9 / naiveNs[rounds / 2], 1e9 / naiveNs[0]);
        System.out.printf("engine / naive: %.1f× (medians), %d rounds each%n", naiveNs[rounds / 2] / engineNs[rounds / 2], rounds);
    }

    /** CPU nanoseconds per event over {@code events} evaluations. */
    private static double round(ThreadMXBean threads, IntSupplier op, int events) {
        int matches = 0;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < events; i++) {
            matches += op.getAsInt();
        }
        long spent = threads.getCurrentThreadCpuTime() - start;
        sink = matches;
        return (double) spent / events;
    }
}
