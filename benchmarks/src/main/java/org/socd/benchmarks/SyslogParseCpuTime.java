package org.socd.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;
import org.socd.protocol.event.Event;

/**
 * The two methods of {@link SyslogParseBenchmark} timed by the thread's CPU time instead of the
 * wall clock, alternating in short rounds, so that the RFC 5424 / RFC 3164 ratio can be measured
 * on a machine that other work shares: time the thread spends waiting for a core is not counted,
 * and both formats see the same neighbours because their rounds interleave. JMH remains the
 * reference on a quiet machine; this is the cross-check when the load average is above the core
 * count.
 *
 * <p>With a format as second argument only that one is warmed up and timed, so the JIT sees one
 * format as in a JMH fork; the ratio is then taken between two such runs.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.socd.benchmarks.SyslogParseCpuTime [ROUNDS [rfc3164|rfc5424]]</pre>
 */
public final class SyslogParseCpuTime {

    private static final int OPS_PER_ROUND = 200_000;
    private static final int WARMUP_ROUNDS = 15;

    /** Keeps every event reachable until the next one, so the JIT cannot drop the parse. */
    private static volatile Event sink;

    private SyslogParseCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        SyslogParseBenchmark b = new SyslogParseBenchmark();
        b.buildLines();
        Supplier<Event> bsd = b::rfc3164;
        Supplier<Event> ietf = b::rfc5424WithStructuredData;
        if (args.length > 1) {
            Supplier<Event> op = switch (args[1]) {
                case "rfc3164" -> bsd;
                case "rfc5424" -> ietf;
                default -> throw new IllegalArgumentException("unknown format '" + args[1]
                        + "': give rfc3164 or rfc5424 to time one alone, or nothing to interleave both");
            };
            solo(threads, rounds, args[1], op);
            return;
        }
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            round(threads, bsd);
            round(threads, ietf);
        }
        double[] bsdNs = new double[rounds];
        double[] ietfNs = new double[rounds];
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            // Alternate which goes first, so a neighbour's burst does not always hit the same one.
            if ((i & 1) == 0) {
                bsdNs[i] = round(threads, bsd);
                ietfNs[i] = round(threads, ietf);
            } else {
                ietfNs[i] = round(threads, ietf);
                bsdNs[i] = round(threads, bsd);
            }
            ratio[i] = ietfNs[i] / bsdNs[i];
        }
        System.out.printf("rounds %d x %d ops, CPU time per op (median, min):%n", rounds, OPS_PER_ROUND);
        System.out.printf("rfc3164                    %7.1f ns  %7.1f ns  = %,.0f lines per CPU-second%n",
                median(bsdNs), min(bsdNs), 1e9 / median(bsdNs));
        System.out.printf("rfc5424WithStructuredData  %7.1f ns  %7.1f ns  = %,.0f lines per CPU-second%n",
                median(ietfNs), min(ietfNs), 1e9 / median(ietfNs));
        System.out.printf("ratio 5424/3164 per round: median %.2f, quartiles %.2f..%.2f%n",
                median(ratio), quantile(ratio, 0.25), quantile(ratio, 0.75));
    }

    private static void solo(ThreadMXBean threads, int rounds, String name, Supplier<Event> op) {
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            round(threads, op);
        }
        double[] ns = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ns[i] = round(threads, op);
        }
        System.out.printf("%s alone, %d rounds x %d ops: CPU time per op median %.1f ns, min %.1f ns%n",
                name, rounds, OPS_PER_ROUND, median(ns), min(ns));
    }

    /** CPU nanoseconds per op over one round. */
    private static double round(ThreadMXBean threads, Supplier<Event> op) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < OPS_PER_ROUND; i++) {
            sink = op.get();
        }
        return (threads.getCurrentThreadCpuTime() - start) / (double) OPS_PER_ROUND;
    }

    private static double median(double[] values) {
        return quantile(values, 0.5);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }
}
