package org.socd.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code engine} of {@link SigmaEvaluationBenchmark} from two builds (benchmark jars) in one JVM,
 * each in a class loader of its own, in alternating rounds timed by the thread's CPU time: an
 * A/B comparison for a shared machine. Separate runs of the same jar on the shared 2-core machine
 * differed by up to 2×, bimodally per JVM run (cause not established; naive and engine alike);
 * rounds of a few milliseconds that alternate in one JVM see the same neighbours and the same
 * mode, so the per-pair ratio holds where separate runs do not. Reports each build's median and
 * best round and the median of the per-pair ratios B/A.
 *
 * <p>With {@code fresh}, each round evaluates new copies of the events, every string (names and
 * values) a new instance, as events decoded from the wire are: a string caches its hash code, and
 * the benchmark's 1024 events, cycled, would otherwise have every hash computed once only. The
 * copies are made outside the timed part.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.socd.benchmarks.SigmaEvaluationAbCpuTime A.jar B.jar [ROUNDS [fresh]]</pre>
 */
public final class SigmaEvaluationAbCpuTime {

    /** Warm-up per build, in CPU time: the JIT compiler threads need their share first (see {@link SigmaEvaluationCpuTime}). */
    private static final long WARMUP_CPU_NANOS = 15_000_000_000L;

    private static volatile int sink;

    private SigmaEvaluationAbCpuTime() {
    }

    /** One build's engine over its own copy of the event mix. */
    private record Build(String name, MethodHandle evaluate, MethodHandle wrap, Object[] events) {

        static Build load(Path jar) throws Throwable {
            // Parent: the platform loader, so every socd and library class comes from this jar.
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> benchmarkClass = loader.loadClass(SigmaEvaluationBenchmark.class.getName());
            Object benchmark = benchmarkClass.getConstructor().newInstance();
            benchmarkClass.getMethod("load").invoke(benchmark);
            Object engine = field(benchmarkClass, "engine").get(benchmark);
            Object[] events = (Object[]) field(benchmarkClass, "events").get(benchmark);
            Class<?> eventClass = loader.loadClass("org.socd.protocol.event.Event");
            MethodHandle evaluate = MethodHandles.publicLookup()
                    .findVirtual(engine.getClass(), "evaluate", MethodType.methodType(List.class, eventClass))
                    .bindTo(engine)
                    .asType(MethodType.methodType(List.class, Object.class));
            MethodHandle wrap = MethodHandles.publicLookup()
                    .findStatic(eventClass, "of", MethodType.methodType(eventClass, Map.class))
                    .asType(MethodType.methodType(Object.class, Map.class));
            return new Build(jar.getFileName().toString(), evaluate, wrap, events);
        }

        private Object[] freshCopies() throws Throwable {
            Object[] copies = new Object[events.length];
            for (int i = 0; i < events.length; i++) {
                Map<?, ?> fields = (Map<?, ?>) events[i].getClass().getMethod("fields").invoke(events[i]);
                copies[i] = wrap.invokeExact((Map<?, ?>) fresh(fields));
            }
            return copies;
        }

        /** A deep copy in which every string is a new instance (its hash code not yet computed). */
        private static Object fresh(Object value) {
            if (value instanceof String text) {
                return new String(text.toCharArray());
            }
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((name, inner) -> copy.put((String) fresh(name), fresh(inner)));
                return copy;
            }
            if (value instanceof List<?> list) {
                List<Object> copy = new ArrayList<>();
                list.forEach(inner -> copy.add(fresh(inner)));
                return copy;
            }
            return value;
        }

        private static Field field(Class<?> type, String name) throws NoSuchFieldException {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        }

        /** CPU nanoseconds per event over one pass of the mix (of fresh copies if {@code fresh}). */
        double round(ThreadMXBean threads, boolean fresh) throws Throwable {
            Object[] batch = fresh ? freshCopies() : events;
            int matches = 0;
            long start = threads.getCurrentThreadCpuTime();
            for (Object event : batch) {
                matches += ((List<?>) evaluate.invokeExact(event)).size();
            }
            long spent = threads.getCurrentThreadCpuTime() - start;
            sink = matches;
            return (double) spent / events.length;
        }
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: SigmaEvaluationAbCpuTime A.jar B.jar [ROUNDS]");
            System.exit(2);
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        boolean fresh = args.length > 3 && args[3].equals("fresh");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Build a = Build.load(Path.of(args[0]));
        Build b = Build.load(Path.of(args[1]));
        long warmupStart = threads.getCurrentThreadCpuTime();
        while (threads.getCurrentThreadCpuTime() - warmupStart < 2 * WARMUP_CPU_NANOS) {
            a.round(threads, fresh);
            b.round(threads, fresh);
        }
        double[] aNs = new double[rounds];
        double[] bNs = new double[rounds];
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            // Alternate which goes first, so neither always follows the other's cache footprint.
            if (i % 2 == 0) {
                aNs[i] = a.round(threads, fresh);
                bNs[i] = b.round(threads, fresh);
            } else {
                bNs[i] = b.round(threads, fresh);
                aNs[i] = a.round(threads, fresh);
            }
            ratio[i] = aNs[i] / bNs[i];
        }
        report(a.name(), aNs);
        report(b.name(), bNs);
        Arrays.sort(ratio);
        System.out.printf("B/A events/s, per pair of rounds: median %.3f (quartiles %.3f-%.3f), %d pairs%n",
                ratio[rounds / 2], ratio[rounds / 4], ratio[rounds * 3 / 4], rounds);
        System.out.println(fresh ? "events: fresh copies each round" : "events: the same 1024 objects each round");
    }

    private static void report(String name, double[] ns) {
        double[] sorted = ns.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: median %,.0f events/s, best %,.0f events/s of CPU time%n",
                name, 1e9 / sorted[sorted.length / 2], 1e9 / sorted[0]);
    }
}
