package org.socd.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scheduler's account of this process's threads, from Linux's {@code /proc/self/task/TID/schedstat}:
 * how long each thread ran and how long it waited, runnable, for a CPU. The difference from
 * CPU time alone is what a stage's idleness is made of: a thread that neither runs nor waits
 * for a CPU is asleep (an empty ring, a park that overshoots, a lock), one that waits is
 * crowded off its core by other threads. Empty where {@code /proc} has no schedstat.
 */
final class Schedstat {

    /** One thread's cumulative figures: nanoseconds on a CPU, nanoseconds runnable but waiting, times scheduled in. */
    record Sample(String name, long runNanos, long waitNanos, long slices) {
    }

    private Schedstat() {
    }

    /** Every thread of this process whose name starts with {@code prefix}, by TID. */
    static Map<String, Sample> read(String prefix) {
        Map<String, Sample> samples = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    if (!name.startsWith(prefix)) {
                        continue;
                    }
                    String[] f = Files.readString(task.resolve("schedstat")).trim().split(" ");
                    samples.put(task.getFileName().toString(),
                            new Sample(name, Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile, or this kernel has no schedstat: leave it out
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to report
        }
        return samples;
    }

    /**
     * Between two readings over {@code wallNanos}: per kind of thread (name without its number,
     * cut to the kernel's 15 characters), the share of the wall clock it ran and waited for a CPU,
     * counting only threads that ran at least 1 % of it (the threads of idle daemons are left out).
     */
    static String describe(Map<String, Sample> before, Map<String, Sample> after, long wallNanos) {
        Map<String, double[]> kinds = new TreeMap<>();
        after.forEach((tid, b) -> {
            Sample a = before.get(tid);
            if (a == null) {
                return;
            }
            double run = (b.runNanos() - a.runNanos()) / (double) wallNanos;
            if (run < 0.01) {
                return;
            }
            double[] k = kinds.computeIfAbsent(b.name().replaceAll("-?\\d+$", ""), n -> new double[3]);
            k[0] += run;
            k[1] += (b.waitNanos() - a.waitNanos()) / (double) wallNanos;
            k[2] += (b.slices() - a.slices()) * 1e6 / wallNanos;
        });
        if (kinds.isEmpty()) {
            return " (no schedstat)";
        }
        StringBuilder s = new StringBuilder();
        kinds.forEach((name, k) -> s.append(String.format(" %s run %.2f wait %.2f (%.1f/ms);", name, k[0], k[1], k[2])));
        return s.substring(0, s.length() - 1);
    }
}
