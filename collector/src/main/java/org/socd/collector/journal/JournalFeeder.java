package org.socd.collector.journal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.socd.correlator.pipeline.Pipeline;

/**
 * Moves durable records from the journal into the pipeline ring (one reader thread, so
 * positions enter the ring in order) and advances the journal's checkpoint to what the
 * pipeline has fully processed, after making the alert sink durable.
 *
 * <p>The checkpoint order is what makes a crash harmless: first read how far the alert stage
 * has got, then commit the alert index (which then holds every alert of those records), then
 * write the checkpoint. A crash anywhere in between only replays records whose alerts are
 * rewritten under the same ids.
 */
public final class JournalFeeder implements AutoCloseable {

    private static final Logger LOG = System.getLogger(JournalFeeder.class.getName());

    private final Journal journal;
    private final Pipeline pipeline;
    private final Runnable commitAlerts;
    private final Thread thread;
    private final ScheduledExecutorService checkpointer;
    private final long checkpointMillis;
    private volatile boolean running = true;
    private volatile long fedEnd;
    /** Position after the last record published into the ring, -1 before the first. */
    private volatile long publishedEnd = -1;

    /**
     * @param commitAlerts makes every alert handed to the sink so far durable (e.g. {@code AlertStore::commit})
     */
    public JournalFeeder(Journal journal, Pipeline pipeline, Runnable commitAlerts, long checkpointMillis) {
        this.journal = journal;
        this.pipeline = pipeline;
        this.commitAlerts = commitAlerts;
        this.checkpointMillis = checkpointMillis;
        this.fedEnd = journal.checkpoint();
        this.thread = new Thread(this::feed, "socd-journal-reader");
        thread.setDaemon(true);
        this.checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "socd-journal-checkpoint");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reading at the journal's checkpoint and checkpointing every {@code checkpointMillis}. */
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
        try (JournalReader reader = journal.reader(journal.checkpoint())) {
            while (running) {
                if (!reader.next(rec)) {
                    fedEnd = Math.max(fedEnd, reader.nextPosition());
                    journal.awaitDurable(reader.nextPosition(), 50);
                    continue;
                }
                while (!pipeline.tryPublish(rec.data(), 0, rec.length(), rec.meta(), rec.position())) {
                    if (!running) {
                        return;
                    }
                    // The ring is full: the pipeline is the bottleneck. A millisecond, not less:
                    // a full ring holds ~20 ms of work, and on two cores every extra wake-up of
                    // this thread is CPU the decode and detect threads do not get (100 µs here cost
                    // ingest ~10 % in IngestBenchmark with the journal on).
                    LockSupport.parkNanos(1_000_000);
                }
                publishedEnd = rec.position() + 1;
                fedEnd = publishedEnd;
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "journal reader failed; records stay in the journal and are processed after a"
                    + " restart: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
    }
}
