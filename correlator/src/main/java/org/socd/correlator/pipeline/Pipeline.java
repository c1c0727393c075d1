package org.socd.correlator.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.socd.correlator.alerts.AlertSink;
import org.socd.protocol.event.ReceiveMetadata;
import org.socd.rules.correlation.Correlations;

/**
 * The runtime path of every record: a Disruptor ring of pre-allocated slots, processed by
 * shards that each decode their records and run the rules on them ({@link ShardStage}), then
 * one alert stage that feeds the {@link AlertSink}.
 *
 * <p>Publishing copies the bytes into a slot and never blocks: when the ring is full
 * {@link #tryPublish} returns false and the input decides (UDP counts a drop, TCP stops
 * reading until {@link #remainingCapacity()} recovers). A stage that throws on a record is
 * counted in {@code socd.pipeline.errors} and goes on with the next record.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = System.getLogger(Pipeline.class.getName());

    /**
     * How long {@link #close()} waits for the backlog. Only a stage stuck on I/O gets near
     * it; what is left then is still in the journal and comes back on replay.
     */
    private static final long CLOSE_TIMEOUT_SECONDS = 60;

    private final Disruptor<RecordSlot> disruptor;
    private final RingBuffer<RecordSlot> ring;
    private final AlertStage alertStage;
    /** Any shard's decode step serves to pre-register series: they all share the registry's counters. */
    private final DecodeStage firstDecoder;
    private final MeterRegistry registry;
    private final List<Gauge> gauges;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Publishers between their closing check and their publish; close() waits them out. */
    private final AtomicInteger publishing = new AtomicInteger();

    public Pipeline(PipelineSettings settings, Decoder decoder, Detector detector, AlertSink sink,
                    MeterRegistry registry, Clock clock) {
        this(settings, decoder, detector, Correlations::none, sink, registry, clock);
    }

    /**
     * A pipeline that also evaluates correlation rules, in its single alert stage.
     *
     * @param correlations the correlation set in force, asked per record (a reload may swap it;
     *                     the alert stage then starts over with empty windows)
     */
    public Pipeline(PipelineSettings settings, Decoder decoder, Detector detector, Supplier<Correlations> correlations,
                    AlertSink sink, MeterRegistry registry, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(clock, "clock");
        this.registry = Objects.requireNonNull(registry, "registry");

        // Sleeping, not blocking or busy-spinning: the target is a 2-core box where 2N+1 stage
        // threads busy-spinning would eat both cores while idle. BlockingWaitStrategy would take
        // a lock on every publish from the Netty threads, and it busy-spins while a later stage
        // waits for an earlier one, which on 2 cores can burn a whole time slice when the earlier
        // stage's thread is descheduled. The strategy spins 100 times, yields 100 times, then
        // parks 50 µs, doubling up to 5 ms: under load the spin/yield phases find the next record
        // without a syscall and a short gap costs a short park; when quiet, each stage thread
        // wakes every 5 ms (measured: under 1 % of a core per thread; with 1 ms parks about 2 %).
        // A fixed 5 ms park (Disruptor's SleepingWaitStrategy) cost 5-16 % of ingest throughput
        // (IngestJournalAb, both journal modes; docs/PERFORMANCE.md, fifth session). The price is up to ~5 ms latency per stage for
        // the first record after a quiet spell, which is nothing next to an analyst's reaction time.
        this.disruptor = new Disruptor<>(RecordSlot::new, settings.ringSize(), daemonThreads(),
                ProducerType.MULTI, new BackoffWaitStrategy(TimeUnit.MICROSECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(5)));

        int shards = settings.shards();
        StageExceptionHandler decodeFailures = new StageExceptionHandler("decode", registry);
        ShardStage[] shardStages = new ShardStage[shards];
        DecodeStage decode = null;
        for (int i = 0; i < shards; i++) {
            // One decode and detect step per shard: the steps keep per-thread state (counters' caches).
            decode = new DecodeStage(decoder, registry);
            shardStages[i] = new ShardStage(i, shards, decode, new DetectStage(detector), decodeFailures);
        }
        this.firstDecoder = decode;
        Objects.requireNonNull(correlations, "correlations");
        this.alertStage = new AlertStage(sink, registry, clock, correlations, settings.correlationLimits());
        disruptor.handleEventsWith(shardStages).then(alertStage);
        handleExceptions("detect", shardStages);
        handleExceptions("alert", alertStage);

        this.ring = disruptor.getRingBuffer();
        this.gauges = List.of(
                Gauge.builder("socd.ring.remaining.capacity", ring, RingBuffer::remainingCapacity)
                        .description("Free slots in the pipeline ring; at 0 inputs drop (UDP) or pause (TCP)")
                        .register(registry),
                Gauge.builder("socd.ring.size", ring, RingBuffer::getBufferSize)
                        .description("Slots in the pipeline ring")
                        .register(registry),
                Gauge.builder("socd.correlation.groups", alertStage, AlertStage::correlationGroups)
                        .description("Correlation windows (correlation, group-by value) held in memory")
                        .register(registry));
    }

    /**
     * Announces an input that will publish, so its series ({@code socd_events_decoded_total},
     * {@code socd_parse_failures_total}) exist at zero from the start. Thread-safe.
     */
    public void registerInput(String input) {
        firstDecoder.preRegisterInput(input);
    }

    /** Starts the stage threads. Records published before this wait in the ring. */
    public void start() {
        if (closing.get()) {
            throw new IllegalStateException("pipeline is closed; create a new one");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("pipeline already started");
        }
        disruptor.start();
    }

    /**
     * Copies the bytes into a pre-allocated slot; false when the ring is full (caller decides:
     * UDP counts a drop, TCP pauses reading) or the pipeline is closing. Never blocks. Safe
     * from many threads.
     */
    public boolean tryPublish(byte[] data, int offset, int length, ReceiveMetadata meta) {
        return tryPublish(data, offset, length, meta, -1);
    }

    /**
     * {@link #tryPublish(byte[], int, int, ReceiveMetadata)} for a record read from the journal
     * at {@code position}; {@link #processedEnd()} reports how far such records are done.
     * Positions must be published in increasing order from one thread for that to mean
     * "everything below it".
     */
    public boolean tryPublish(byte[] data, int offset, int length, ReceiveMetadata meta, long position) {
        Objects.checkFromIndexSize(offset, length, data.length);
        Objects.requireNonNull(meta, "meta");
        publishing.incrementAndGet();
        try {
            if (closing.get()) {
                return false;
            }
            long sequence;
            try {
                sequence = ring.tryNext();
            } catch (InsufficientCapacityException full) {
                return false; // a preallocated singleton without a stack trace: cheap
            }
            try {
                ring.get(sequence).fill(data, offset, length, meta, position);
            } finally {
                // A claimed sequence must be published whatever happens, or every stage waits
                // on it forever.
                ring.publish(sequence);
            }
            return true;
        } finally {
            publishing.decrementAndGet();
        }
    }

    /**
     * Claims up to {@code max} consecutive slots for a producer that has a run of records (the
     * journal feeder with a batch just made durable), or returns null when the ring is full or
     * the pipeline is closing. Never blocks. One claim costs one capacity check against the
     * stages' sequences, where {@link #tryPublish} pays one per record: with the ring near
     * full, that check (reading sequences other cores keep writing) was most of the journal
     * feeder's CPU.
     *
     * <p>The caller fills every slot of the claim and then calls {@link Claim#publish()}, in a
     * {@code finally}: the stages wait for every claimed sequence.
     */
    public Claim tryClaim(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a claim needs at least one slot, asked for " + max);
        }
        publishing.incrementAndGet();
        boolean claimed = false;
        try {
            if (closing.get()) {
                return null;
            }
            int n = (int) Math.min(max, ring.remainingCapacity());
            if (n < 1) {
                return null;
            }
            long hi;
            try {
                hi = ring.tryNext(n);
            } catch (InsufficientCapacityException full) {
                return null; // another producer took the space meanwhile
            }
            claimed = true;
            return new Claim(hi - n + 1, n);
        } finally {
            if (!claimed) {
                publishing.decrementAndGet();
            }
        }
    }

    /** Consecutive slots claimed by {@link #tryClaim}; filled by one thread, then published once. */
    public final class Claim {

        private final long first;
        private final int size;
        private boolean published;

        private Claim(long first, int size) {
            this.first = first;
            this.size = size;
        }

        /** Slots in this claim; fill each of {@code 0 .. size() - 1}. */
        public int size() {
            return size;
        }

        /**
         * Copies record {@code i} of the claim into its slot, as {@link #tryPublish(byte[], int,
         * int, ReceiveMetadata, long)} would; positions must rise with {@code i}.
         */
        public void fill(int i, byte[] data, int offset, int length, ReceiveMetadata meta, long position) {
            Objects.checkIndex(i, size);
            Objects.checkFromIndexSize(offset, length, data.length);
            Objects.requireNonNull(meta, "meta");
            ring.get(first + i).fill(data, offset, length, meta, position);
        }

        /**
         * Makes the claimed slots visible to the stages. A slot left unfilled (its filler threw)
         * is still cleared from its previous record, with no metadata and no position: the
         * stages pass it by. Idempotent.
         */
        public void publish() {
            if (published) {
                return;
            }
            published = true;
            try {
                ring.publish(first, first + size - 1);
            } finally {
                publishing.decrementAndGet();
            }
        }
    }

    /**
     * Declares the records at journal positions below {@code end} a warm-up: after a restart
     * they are fed again only so that correlation windows hold what they held before the
     * checkpoint; they raise no alerts (they did the first time, under the same ids). Call
     * before publishing them.
     */
    public void warmUpUntil(long end) {
        alertStage.warmUpUntil(end);
    }

    /**
     * The journal position after the last record that has passed the alert stage with its
     * alerts handed to the sink (and the sink's {@code endOfBatch} run), or -1 before the
     * first. The alert stage is one thread taking the ring in order, so every journal record
     * published before that one is done too. A caller that then commits the sink (e.g.
     * {@code AlertStore.commit()}) may checkpoint the journal at this position.
     */
    public long processedEnd() {
        return alertStage.processedEnd();
    }

    /** Free slots now; inputs poll this to resume reading after a full ring. */
    public long remainingCapacity() {
        return ring.remainingCapacity();
    }

    public long bufferSize() {
        return ring.getBufferSize();
    }

    /**
     * Stops accepting, lets every published record finish (alerts handed to the sink), then
     * halts. Does not close the sink: its owner does that after this returns. Idempotent.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        // After this loop no publisher is between its check of 'closing' and its publish, so
        // the cursor is final and draining up to it drains everything.
        while (publishing.get() != 0) {
            Thread.onSpinWait();
        }
        if (started.compareAndSet(false, true)) {
            if (ring.getCursor() < 0) {
                removeGauges();
                return; // never started, nothing published: no threads to start or stop
            }
            disruptor.start(); // records were published before start(); they are owed processing
        }
        try {
            drain();
        } finally {
            disruptor.halt();
            removeGauges();
        }
    }

    /**
     * Waits until the alert stage, the end of the chain, has passed the last published
     * sequence. Not {@code Disruptor.shutdown()}: it only counts the backlog of processors
     * whose threads are already running, so a close right after start() would find "no
     * backlog" and halt before anything was processed.
     */
    private void drain() {
        long last = ring.getCursor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_TIMEOUT_SECONDS);
        while (disruptor.getSequenceValueFor(alertStage) < last) {
            if (System.nanoTime() > deadline) {
                LOG.log(Level.ERROR, "pipeline did not drain within " + CLOSE_TIMEOUT_SECONDS + " s, a stage is"
                        + " stuck (see the thread dump of socd-decode-*, socd-detect-*, socd-alert); halting with "
                        + (last - disruptor.getSequenceValueFor(alertStage)) + " records unprocessed,"
                        + " which the journal replays on the next start");
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private void removeGauges() {
        gauges.forEach(registry::remove);
    }

    @SafeVarargs
    private void handleExceptions(String stage, EventHandler<RecordSlot>... handlers) {
        StageExceptionHandler handler = new StageExceptionHandler(stage, registry);
        for (EventHandler<RecordSlot> h : handlers) {
            disruptor.handleExceptionsFor(h).with(handler);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            // Renamed per stage in onStart(). Daemon so that a failed startup does not leave a
            // JVM hanging on idle stage threads; orderly shutdown goes through close().
            Thread thread = new Thread(runnable, "socd-pipeline-" + count.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}
