package org.socd.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
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
import org.socd.collector.journal.Journal;
import org.socd.collector.journal.JournalSettings;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * The journal's costs: sustained append throughput (200-byte syslog lines, group commit every
 * {@code flushMillis}, the writer thread writing and fsyncing behind), the latency of one
 * durable append (what a RELP sender waits for its answer), and the raw cost of one 4 KiB
 * write + fsync on this disk, which bounds how often group commit can run.
 *
 * <p>The journal lives in {@code java.io.tmpdir}; run it on the disk you care about with
 * {@code -Djava.io.tmpdir=DIR}. The checkpoint is advanced as the benchmark goes so retention
 * keeps the files within 512 MiB.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JournalBenchmark {

    @Param({"50"})
    public long flushMillis;

    private Path dir;
    private Journal journal;
    private FileChannel raw;
    private final ByteBuffer page = ByteBuffer.allocateDirect(4096);
    private long rawAt;
    private final byte[] line = ("<38>Nov 26 10:00:00 srv-042 sshd[4242]: Failed password for invalid user admin from "
            + "203.0.113.7 port 52113 ssh2 and some more text to make the line about two hundred bytes long ....")
            .getBytes(StandardCharsets.UTF_8);
    private final ReceiveMetadata meta = new ReceiveMetadata("syslog-tcp", "10.20.30.40", 51514,
            System.currentTimeMillis() * 1_000_000L);
    private long appended;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("socd-journal-bench");
        journal = Journal.open(new JournalSettings(dir, 64L << 20, flushMillis, 1L << 20, 8 << 20, 512L << 20,
                Duration.ofDays(1), 0), new SimpleMeterRegistry());
        raw = FileChannel.open(dir.resolve("fsync-probe"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        journal.close();
        raw.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Sustained appends from one thread; a refusal (buffer full: the disk is behind) is retried. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    public long append() throws IOException {
        long p;
        while ((p = journal.tryAppend(line, 0, line.length, meta)) < 0) {
            Thread.onSpinWait();
        }
        if (++appended % 200_000 == 0) {
            journal.checkpoint(journal.durableEnd()); // lets retention delete what is behind
        }
        return p;
    }

    /** One append, then wait until it is fsynced: the RELP answer latency at low load. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void durableAppend() throws InterruptedException {
        long p;
        while ((p = journal.tryAppend(line, 0, line.length, meta)) < 0) {
            Thread.onSpinWait();
        }
        CountDownLatch done = new CountDownLatch(1);
        journal.whenDurable(p, done::countDown);
        done.await();
    }

    /** The disk's price of one group commit: write 4 KiB and fsync. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void fsync4k() throws IOException {
        page.clear();
        rawAt += raw.write(page, rawAt % (64L << 20));
        raw.force(false);
    }
}
