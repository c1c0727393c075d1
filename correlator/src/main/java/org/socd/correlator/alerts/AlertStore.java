package org.socd.correlator.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.index.StoredFields;

/**
 * The alerts analysts search: an embedded Lucene index with near-real-time search.
 *
 * <p>An accepted alert becomes searchable within about a second: the store refreshes its
 * searcher at the end of a pipeline batch (at most every {@value #BATCH_REFRESH_MILLIS} ms,
 * so a busy pipeline does not reopen readers thousands of times a second) and a background
 * thread refreshes every {@value #BACKGROUND_REFRESH_MILLIS} ms, so the last batch before a
 * quiet period shows up too. Changes are committed (made durable) every
 * {@value #COMMIT_SECONDS} s when there are any, and on {@link #close()}; what is lost in a
 * crash between commits comes back from the journal replay, which rewrites alerts under the
 * same deterministic ids instead of duplicating them.
 *
 * <p>{@link #accept} and {@link #endOfBatch} are for the single pipeline thread; searches,
 * {@link #get}, {@link #count} and {@link #commit} are safe from any thread.
 */
public final class AlertStore implements AlertSink, AutoCloseable {

    static final long BATCH_REFRESH_MILLIS = 100;
    static final long BACKGROUND_REFRESH_MILLIS = 200;
    static final long COMMIT_SECONDS = 5;

    private static final Logger LOG = System.getLogger(AlertStore.class.getName());
    /** Detection time, then index order reversed: alerts of one busy millisecond stay newest first. */
    private static final Sort NEWEST_FIRST = new Sort(
            new SortField(AlertDocuments.DETECTED_AT, SortField.Type.LONG, true),
            new SortField(null, SortField.Type.DOC, true));

    private final Path indexDir;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Analyzer analyzer;
    private final ScheduledExecutorService refresher;
    private final ScheduledExecutorService committer;
    private final MeterRegistry registry;
    private final Gauge indexedGauge;
    private final Counter indexErrors;
    private final AtomicBoolean changed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private long lastBatchRefreshNanos;
    private long lastErrorLogNanos;

    private AlertStore(Path indexDir, Directory directory, IndexWriter writer, Analyzer analyzer,
                       MeterRegistry registry) throws IOException {
        this.indexDir = indexDir;
        this.directory = directory;
        this.writer = writer;
        this.analyzer = analyzer;
        this.searchers = new SearcherManager(writer, null);
        this.registry = registry;
        this.indexErrors = Counter.builder("socd.alerts.index.errors")
                .description("Alerts that could not be written to the alert index")
                .register(registry);
        this.indexedGauge = Gauge.builder("socd.alerts.indexed", this, AlertStore::countForGauge)
                .description("Alerts in the alert index, as visible to searches")
                .register(registry);
        // Two threads, not one: a commit fsyncs and can take a while on a slow disk, and it
        // must not hold back the refresh that keeps search within a second of detection.
        this.refresher = Executors.newSingleThreadScheduledExecutor(daemon("socd-alerts-refresh"));
        this.committer = Executors.newSingleThreadScheduledExecutor(daemon("socd-alerts-commit"));
        refresher.scheduleWithFixedDelay(this::backgroundRefresh,
                BACKGROUND_REFRESH_MILLIS, BACKGROUND_REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        committer.scheduleWithFixedDelay(this::periodicCommit, COMMIT_SECONDS, COMMIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Opens (creating if needed) the alert index in {@code indexDir}.
     *
     * @param clock reserved for time-based housekeeping; alert times come from the alerts
     * @throws IOException when the directory cannot be created or the index cannot be
     *                     opened, e.g. because another socd process holds its lock
     */
    public static AlertStore open(Path indexDir, MeterRegistry registry, Clock clock) throws IOException {
        Files.createDirectories(indexDir);
        Analyzer analyzer = AlertQueryParser.analyzer();
        Directory directory = new MMapDirectory(indexDir);
        IndexWriter writer;
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            writer = new IndexWriter(directory, config);
        } catch (LockObtainFailedException e) {
            directory.close();
            throw new IOException("alert index " + indexDir + " is locked by another process;"
                    + " stop the other socd using this data dir, or point this one at another", e);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw new IOException("cannot open alert index " + indexDir + ": " + e.getMessage()
                    + "; if it is corrupt, move it aside and let the journal replay rebuild it", e);
        }
        try {
            return new AlertStore(indexDir, directory, writer, analyzer, registry);
        } catch (IOException | RuntimeException e) {
            writer.close();
            directory.close();
            throw e;
        }
    }

    @Override
    public void accept(Alert alert) {
        try {
            writer.updateDocument(AlertDocuments.idTerm(alert.id()), AlertDocuments.toDocument(alert));
            changed.set(true);
        } catch (IOException | RuntimeException e) {
            // The pipeline must go on; the journal still has the record for a later replay.
            indexErrors.increment();
            logRateLimited("cannot index alert " + alert.id() + " (rule " + alert.ruleId() + ") in "
                    + indexDir, e);
        }
    }

    @Override
    public void endOfBatch() {
        // Monotonic time, not the injected clock: this is about pacing I/O, and a frozen test
        // clock must not stop the store from refreshing.
        long now = System.nanoTime();
        if (now - lastBatchRefreshNanos >= TimeUnit.MILLISECONDS.toNanos(BATCH_REFRESH_MILLIS)) {
            lastBatchRefreshNanos = now;
            refresh();
        }
    }

    /** Alerts matching {@code query}, newest detection first. */
    public AlertPage search(AlertQuery query) {
        Query parsed = new AlertQueryParser(analyzer).parse(query.query());
        Query filtered = withDetectionWindow(parsed, query);
        IndexSearcher searcher = acquire();
        try {
            // A threshold of MAX_VALUE makes the total exact; the UI shows "n of N" and a
            // lower bound would be a lie.
            TopFieldDocs top = searcher.search(filtered,
                    new TopFieldCollectorManager(NEWEST_FIRST, query.limit(), null, Integer.MAX_VALUE));
            return new AlertPage(load(searcher, top), top.totalHits.value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search alert index " + indexDir, e);
        } finally {
            release(searcher);
        }
    }

    /** The alert with this id, if the index has it (as of the last refresh). */
    public Optional<Alert> get(String id) {
        IndexSearcher searcher = acquire();
        try {
            TopDocs top = searcher.search(new TermQuery(AlertDocuments.idTerm(id)), 1);
            List<Alert> alerts = load(searcher, top);
            return alerts.isEmpty() ? Optional.empty() : Optional.of(alerts.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read alert " + id + " from " + indexDir, e);
        } finally {
            release(searcher);
        }
    }

    /** How many alerts searches see (as of the last refresh). */
    public long count() {
        IndexSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            release(searcher);
        }
    }

    /** Makes every accepted alert durable now. */
    public void commit() {
        try {
            // Clear first: an alert accepted during the commit sets it again and is committed
            // next time rather than being forgotten.
            changed.set(false);
            writer.commit();
        } catch (IOException e) {
            changed.set(true);
            throw new UncheckedIOException("cannot commit alert index " + indexDir
                    + "; check free disk space and permissions", e);
        }
    }

    /** Stops the background threads, commits, and closes the index. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        refresher.shutdown();
        committer.shutdown();
        try {
            refresher.awaitTermination(10, TimeUnit.SECONDS);
            committer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registry.remove(indexedGauge);
        try {
            try {
                searchers.close();
            } finally {
                try {
                    writer.close(); // commits: IndexWriterConfig's commitOnClose is true
                } finally {
                    directory.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close alert index " + indexDir
                    + " cleanly; alerts since the last commit come back on journal replay", e);
        }
    }

    private Query withDetectionWindow(Query parsed, AlertQuery query) {
        if (query.from() == null && query.to() == null) {
            return parsed;
        }
        long from = query.from() == null ? Long.MIN_VALUE : query.from().toEpochMilli();
        // 'to' is exclusive, so that consecutive windows neither overlap nor leave gaps.
        // The index holds milliseconds; a 'to' inside a millisecond keeps that millisecond.
        long to = query.to() == null ? Long.MAX_VALUE
                : query.to().getNano() % 1_000_000 == 0 ? query.to().toEpochMilli() - 1 : query.to().toEpochMilli();
        return new BooleanQuery.Builder()
                .add(parsed, BooleanClause.Occur.MUST)
                .add(LongPoint.newRangeQuery(AlertDocuments.DETECTED_AT, from, to), BooleanClause.Occur.FILTER)
                .build();
    }

    private static List<Alert> load(IndexSearcher searcher, TopDocs top) throws IOException {
        StoredFields stored = searcher.storedFields();
        List<Alert> alerts = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
            alerts.add(AlertDocuments.fromDocument(stored.document(hit.doc)));
        }
        return alerts;
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a searcher on alert index " + indexDir, e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release a searcher on alert index " + indexDir, e);
        }
    }

    private void refresh() {
        try {
            // maybeRefresh returns at once when another thread is already refreshing.
            searchers.maybeRefresh();
        } catch (IOException | RuntimeException e) {
            indexErrors.increment();
            logRateLimited("cannot refresh the searcher on alert index " + indexDir, e);
        }
    }

    private void backgroundRefresh() {
        if (!closed.get()) {
            refresh();
        }
    }

    private void periodicCommit() {
        if (closed.get() || !changed.get()) {
            return;
        }
        try {
            commit();
        } catch (RuntimeException e) {
            // Scheduled tasks that throw are cancelled silently; this one must keep running.
            indexErrors.increment();
            logRateLimited("periodic commit of alert index " + indexDir + " failed", e);
        }
    }

    private double countForGauge() {
        if (closed.get()) {
            return Double.NaN;
        }
        try {
            return count();
        } catch (RuntimeException e) {
            return Double.NaN; // closed between the check and the read
        }
    }

    private synchronized void logRateLimited(String message, Throwable error) {
        // A broken disk fails every alert; one line a second says so without burying the log.
        long now = System.nanoTime();
        if (now - lastErrorLogNanos >= TimeUnit.SECONDS.toNanos(1) || lastErrorLogNanos == 0) {
            lastErrorLogNanos = now;
            LOG.log(Level.WARNING, message + " (socd_alerts_index_errors_total counts every failure)", error);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            // Daemon: these threads only maintain the index; close() does the final commit.
            thread.setDaemon(true);
            return thread;
        };
    }
}
