package org.socd.collector.journal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.socd.correlator.pipeline.Pipeline;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * Moves durable records from the journal into the pipeline ring (one reader thread, so
 * positions enter the ring in order) and advances the journal's checkpoint to what the
 * pipeline has fully processed, after making the alert sink durable.
 *
 * <p>Records come from the journal's {@link HandOff} while it holds the next position (the
 * batches the writer has just fsynced, still in memory), else from disk: at start for the
 * replay, and whenever the pipeline fell so far behind that the hand-off could not keep them.
 *
 * <p>The checkpoint order is what makes a crash harmless: first read how far the alert stage
 * has got, then commit the alert index (which then holds every alert of those records), then
 * write the checkpoint. A crash anywhere in between only replays records whose alerts are
 * rewritten under the same ids.
 */
public final class JournalFeeder implements AutoCloseable {

    private static final Logger LOG = System.getLogger(JournalFeeder.class.getName());
    /** Ring slots claimed at once at most: a run is published only when all of it is filled. */
    private static final int MAX_RUN = 1024;

    private final Journal journal;
    private final Pipeline pipeline;
    private final Runnable commitAlerts;
    private final HandOff handOff;
    private final JournalMetrics metrics;
    private final Thread thread;
    private final ScheduledExecutorService checkpointer;
    private final long checkpointMillis;
    private volatile boolean running = true;
    private volatile long fedEnd;
    /** Position after the last record published into the ring, -1 before the first. */
    private volatile long publishedEnd = -1;
    /** Where reading starts: the checkpoint, or before it to rebuild correlation windows. */
    private final long startAt;

    /**
     * @param commitAlerts makes every alert handed to the sink so far durable (e.g. {@code AlertStore::commit})
     */
    public JournalFeeder(Journal journal, Pipeline pipeline, Runnable commitAlerts, long checkpointMillis) {
        this(journal, pipeline, commitAlerts, checkpointMillis, journal.checkpoint());
    }

    /**
     * Reads from {@code startAt}, at most the checkpoint: the records before the checkpoint
     * are processed again, which the pipeline must have been told to treat as a warm-up
     * ({@code Pipeline.warmUpUntil}) so that they rebuild state without raising alerts twice.
     */
    public JournalFeeder(Journal journal, Pipeline pipeline, Runnable commitAlerts, long checkpointMillis, long startAt) {
        if (startAt > journal.checkpoint()) {
            throw new IllegalArgumentException("the journal feeder cannot start at " + startAt
                    + ", after the checkpoint " + journal.checkpoint() + ": records in between would be lost");
        }
        this.journal = journal;
        this.pipeline = pipeline;
        this.commitAlerts = commitAlerts;
        this.checkpointMillis = checkpointMillis;
        this.startAt = Math.max(startAt, journal.oldestKept());
        this.fedEnd = this.startAt;
        this.handOff = journal.openHandOff();
        this.metrics = journal.metrics();
        this.thread = new Thread(this::feed, "socd-journal-reader");
        thread.setDaemon(true);
        this.checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "socd-journal-checkpoint");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reading (at the checkpoint unless told otherwise) and checkpointing every {@code checkpointMillis}. */
    public void start() {
        thread.start();
        checkpointer.scheduleWithFixedDelay(this::checkpointQuietly, checkpointMillis, checkpointMillis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until every record below {@code end} has been fed and fully processed: the replay
     * of what was in the journal at start, before any input opens.
     */
    public void awaitProcessed(long end) throws InterruptedException {
        long lastLog = System.nanoTime();
        while (fedEnd < end || (publishedEnd >= 0 && pipeline.processedEnd() < publishedEnd)) {
            if (!thread.isAlive()) {
                throw new IllegalStateException("the journal reader stopped during replay; see the log above");
            }
            if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(10)) {
                LOG.log(Level.INFO, "journal replay: at position " + fedEnd + " of " + end);
                lastLog = System.nanoTime();
            }
            Thread.sleep(2);
        }
    }

    private void feed() {
        JournalRecord rec = new JournalRecord();
        RecordFormat.LastString inputNames = new RecordFormat.LastString();
        RecordFormat.LastString peerNames = new RecordFormat.LastString();
        long next = startAt;
        try (JournalReader reader = journal.reader(next)) {
            while (running) {
                // durableEnd before the hand-off: the writer offers a batch before it moves
                // durableEnd, so a durable position that is not in the hand-off now never will be.
                long durable = journal.durableEnd();
                HandOff.Batch batch = handOff.peek();
                if (batch != null && batch.end() <= next) {
                    handOff.release(batch); // already read from disk while it was on its way
                    continue;
                }
                if (batch != null && batch.first() <= next) {
                    next = feedFromMemory(batch, next, inputNames, peerNames);
                    if (next < 0) {
                        return;
                    }
                    handOff.release(batch);
                    continue;
                }
                if (next >= durable) {
                    fedEnd = Math.max(fedEnd, next);
                    journal.awaitDurable(next, 50);
                    continue;
                }
                // Behind what memory holds (the replay at start, or the hand-off was full, as
                // when the pipeline cannot keep up with the senders): from disk, a run at a
                // time, looking at the hand-off again after each run.
                reader.skipTo(next);
                if (!reader.next(rec)) {
                    // Corrupt bytes at the end of the active segment: skipped, and the writer
                    // appends after them; wait for that rather than spin.
                    next = Math.max(next, reader.nextPosition());
                    journal.awaitDurable(durable, 50);
                    continue;
                }
                Pipeline.Claim claim = claim(Math.max(1, durable - rec.position()));
                if (claim == null) {
                    return;
                }
                int filled = 0;
                try {
                    do {
                        claim.fill(filled++, rec.data(), 0, rec.length(), rec.meta(), rec.position());
                        next = rec.position() + 1;
                    } while (filled < claim.size() && reader.next(rec));
                } finally {
                    claim.publish(); // a slot left over (corrupt bytes ended the run early) is passed by
                }
                metrics.fedFromDisk.increment(filled);
                publishedEnd = next;
                fedEnd = next;
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "journal reader failed; records stay in the journal and are processed after a"
                    + " restart: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Publishes the records of {@code batch} from {@code next} on, straight out of the
     * hand-off's memory: no read, no CRC check (these bytes never left the process), one copy
     * into the ring slot, and the ring's slots claimed a run at a time rather than one by one.
     *
     * @return the position after the last record published, or -1 when stopped meanwhile
     */
    private long feedFromMemory(HandOff.Batch batch, long next, RecordFormat.LastString inputNames,
                                RecordFormat.LastString peerNames) {
        ByteBuffer buf = handOff.buffer();
        int p = batch.offset();
        int limit = batch.offset() + batch.length();
        // Skip what was already fed (from disk, while this batch was on its way).
        while (p < limit && RecordFormat.position(buf, p + RecordFormat.HEADER_BYTES) < next) {
            p += RecordFormat.HEADER_BYTES + buf.getInt(p);
        }
        long fed = 0;
        ReceiveMetadata meta = null;
        byte[] array = buf.array();
        int lastMetaAt = 0;
        int lastMetaEnd = 0;
        while (p < limit) {
            Pipeline.Claim claim = claim(batch.end() - next);
            if (claim == null) {
                metrics.fedFromMemory.increment(fed);
                return -1;
            }
            int i = 0;
            try {
                for (; i < claim.size() && p < limit; i++) {
                    int payload = buf.getInt(p);
                    int payloadStart = p + RecordFormat.HEADER_BYTES;
                    long position = RecordFormat.position(buf, payloadStart);
                    int metaAt = RecordFormat.metaOffset(payloadStart);
                    int dataAt = RecordFormat.dataOffset(buf, payloadStart);
                    // The records of one read share their metadata byte for byte: one
                    // vectorised comparison instead of decoding it field by field again.
                    if (meta == null || !Arrays.equals(array, metaAt, dataAt, array, lastMetaAt, lastMetaEnd)) {
                        meta = RecordFormat.meta(buf, payloadStart, inputNames, peerNames);
                        lastMetaAt = metaAt;
                        lastMetaEnd = dataAt;
                    }
                    claim.fill(i, array, dataAt, payloadStart + payload - dataAt, meta, position);
                    next = position + 1;
                    p = payloadStart + payload;
                }
            } finally {
                claim.publish();
            }
            fed += i;
            publishedEnd = next;
            fedEnd = next;
        }
        metrics.fedFromMemory.increment(fed);
        return next;
    }

    /**
     * Claims at most {@code records} ring slots (at most {@value #MAX_RUN}), waiting while the
     * ring is full; null when stopped meanwhile.
     */
    private Pipeline.Claim claim(long records) {
        int max = (int) Math.min(records, MAX_RUN);
        Pipeline.Claim claim;
        while ((claim = pipeline.tryClaim(max)) == null) {
            if (!running) {
                return null;
            }
            // The ring is full: the pipeline is the bottleneck. A millisecond, not less: a
            // full ring of the default size holds ~50 ms of work, and on two cores every extra
            // wake-up of this thread is CPU the decode and detect threads do not get (100 µs
            // here cost ingest ~10 % in IngestBenchmark with the journal on).
            LockSupport.parkNanos(1_000_000);
        }
        return claim;
    }

    private void checkpointQuietly() {
        try {
            checkpointNow();
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.WARNING, "journal checkpoint failed (retried in " + checkpointMillis + " ms): " + e.getMessage(), e);
        }
    }

    /** Commits the alert sink and checkpoints the journal at what the pipeline has fully processed. */
    public synchronized void checkpointNow() throws IOException {
        long end = pipeline.processedEnd();
        if (end > journal.checkpoint()) {
            commitAlerts.run();
            journal.checkpoint(end);
        }
    }

    /**
     * Stops reading (records not yet in the ring stay in the journal for the next start) and
     * the periodic checkpoint. Call {@link #checkpointNow()} after the pipeline has drained.
     */
    @Override
    public void close() {
        running = false;
        checkpointer.shutdown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            checkpointer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.closeHandOff(handOff);
    }
}
