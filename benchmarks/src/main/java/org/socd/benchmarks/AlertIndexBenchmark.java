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

    @Benchmark
    public long storeAccept() throws IOException {
        try (AlertStore store = AlertStore.open(dir, new SimpleMeterRegistry(),
                Clock.fixed(SyntheticAlerts.END, ZoneOffset.UTC))) {
            for (int i = 0; i < prepared.length; i++) {
                store.accept(prepared[i]);
                if ((i & 1023) == 1023) {
                    store.endOfBatch();
                }
            }
            store.endOfBatch();
            return store.count();
        }
    }

    @Benchmark
    public long luceneBaseline() throws IOException {
        try (IndexWriter w = new IndexWriter(new MMapDirectory(dir), new IndexWriterConfig().setRAMBufferSizeMB(64))) {
            for (Alert a : prepared) {
                Document d = new Document();
                d.add(new StringField("id", a.id(), Field.Store.YES));
                d.add(new TextField("message", a.event().get("message").toString(), Field.Store.NO));
                d.add(new StoredField("event", JSON.writeValueAsString(a.event())));
                w.addDocument(d);
            }
            w.commit();
            return w.getDocStats().numDocs;
        }
    }
}
