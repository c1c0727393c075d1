package org.socd.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.MMapDirectory;
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
import org.socd.correlator.alerts.AlertStore;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Indexing throughput: {@code alerts} synthetic alerts into a fresh {@link AlertStore} through
 * {@link AlertStore#accept} on one thread with a batch end every 1024 (the pipeline's path,
 * commit on close included), against the baseline of bare Lucene {@code addDocument} of a
 * minimal document per alert (id, message, event JSON) in the same run. One shot per
 * iteration; alerts/s = {@code alerts} / (seconds per op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AlertIndexBenchmark {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    @Param("200000")
    int alerts;

    private Alert[] prepared;
    private Path dir;

    @Setup(Level.Trial)
    public void prepare() {
        SyntheticAlerts synthetic = new SyntheticAlerts(alerts);
        prepared = new Alert[alerts];
        for (int i = 0; i < alerts; i++) {
            prepared[i] = synthetic.next(i);
        }
    }

    @Setup(Level.Iteration)
    public void freshDirectory() throws IOException {
        dir = Files.createTempDirectory("socd-index-bench");
    }

    @TearDown(Level.Iteration)
    public void removeDirectory() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * Prints the CPU time the benchmark thread and the whole JVM spent since {@code start}: on a
     * shared machine the wall time says how much CPU the run was given, this what the work cost.
     */
    private static void printCpu(String what, long threadStart, long processStart, int n) {
        double thread = (THREADS.getCurrentThreadCpuTime() - threadStart) / 1e9;
        double process = (OS.getProcessCpuTime() - processStart) / 1e9;
        System.out.printf("%n%s: %,d alerts, CPU %.2f s on the calling thread (%,.0f alerts per CPU-second),"
                + " %.2f s in the whole JVM (%,.0f alerts per CPU-second)%n", what, n, thread, n / thread, process, n / process);
    }

    @Benchmark
    public long storeAccept() throws IOException {
        long thread0 = THREADS.getCurrentThreadCpuTime();
        long process0 = OS.getProcessCpuTime();
        try (AlertStore store = AlertStore.open(dir, new SimpleMeterRegistry(),
                Clock.fixed(SyntheticAlerts.END, ZoneOffset.UTC))) {
            for (int i = 0; i < prepared.length; i++) {
                store.accept(prepared[i]);
                if ((i & 1023) == 1023) {
                    store.endOfBatch();
                }
            }
            store.endOfBatch();
            long count = store.count();
            store.close();
            printCpu("storeAccept", thread0, process0, prepared.length);
            return count;
        }
    }

    @Benchmark
    public long luceneBaseline() throws IOException {
        long thread0 = THREADS.getCurrentThreadCpuTime();
        long process0 = OS.getProcessCpuTime();
        try (IndexWriter w = new IndexWriter(new MMapDirectory(dir), new IndexWriterConfig().setRAMBufferSizeMB(64))) {
            for (Alert a : prepared) {
                Document d = new Document();
                d.add(new StringField("id", a.id(), Field.Store.YES));
                d.add(new TextField("message", a.event().get("message").toString(), Field.Store.NO));
                d.add(new StoredField("event", JSON.writeValueAsString(a.event())));
                w.addDocument(d);
            }
            w.commit();
            int count = w.getDocStats().numDocs;
            w.close();
            printCpu("luceneBaseline", thread0, process0, prepared.length);
            return count;
        }
    }
}
