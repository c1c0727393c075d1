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
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
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
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.MatchAllDocsQuery;
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
 * The alerts analysts search and work on: an embedded Lucene index with near-real-time search.
 *
 * <p>An accepted alert becomes searchable within about a second: a background thread
 * refreshes the searcher every {@value #BACKGROUND_REFRESH_MILLIS} ms. Not the pipeline
 * thread: a refresh flushes the alerts indexed since the last one into a new segment, and
 * that work would otherwise come out of the pipeline's single alert thread. Changes are
 * committed (made durable) periodically when there are any, and on {@link #close()}; what is lost in a crash between commits comes back from the
 * journal replay, which rewrites alerts under the same deterministic ids instead of
 * duplicating them.
 *
 * <p>Analyst changes ({@link #update}) are applied under a lock shared with {@link #accept},
 * and an alert an analyst has touched keeps its status, assignee, notes and history when the
 * pipeline writes the same id again (a journal replay): the store remembers the touched ids
 * (loaded from the index at open) and merges instead of overwriting.
 *
 * <p>{@link #accept} and {@link #endOfBatch} are for the single pipeline thread; everything
 * else is safe from any thread.
 */
public final class AlertStore implements AlertSink, AutoCloseable {

    static final long BACKGROUND_REFRESH_MILLIS = 200;
    /** Room for this many new ids (at about 10 bits each) before the id filter is refilled bigger. */
    static final long MIN_ID_FILTER_HEADROOM = 1 << 20;

    private static final Logger LOG = System.getLogger(AlertStore.class.getName());
    /** Detection time, then indexing order reversed: alerts of one busy millisecond stay newest first. */
    private static final Sort NEWEST_FIRST = new Sort(
            new SortField(AlertDocuments.DETECTED_AT, SortField.Type.LONG, true),
            new SortField(AlertDocuments.SEQ, SortField.Type.LONG, true));

    private final Path indexDir;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Analyzer analyzer;
    private final Clock clock;
    private final AlertStoreSettings settings;
    private final ScheduledExecutorService refresher;
    private final ScheduledExecutorService committer;
    private final MeterRegistry registry;
    private final Gauge indexedGauge;
    private final Counter indexErrors;
    private final Counter retentionDeleted;
    private final AtomicBoolean changed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Orders pipeline writes and analyst changes so neither overwrites the other. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Ids of alerts an analyst has changed; their workflow state survives a rewrite. */
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    private final AtomicLong seq;
    private final List<Consumer<StoredAlert>> updateListeners = new CopyOnWriteArrayList<>();
    private final PrecountedStats precounts = new PrecountedStats();
    /** Builds every document written; used under {@link #writeLock}. */
    private final AlertDocuments.Builder documents = new AlertDocuments.Builder();
    /** Ids that may be in the index; null until filled after the first write (every write is an update until then). */
    private volatile IdFilter ids;
    /** A bigger filter being filled from the index; writes go into it as well. */
    private volatile IdFilter idsFilling;
    private final AtomicBoolean fillScheduled = new AtomicBoolean();
    private final AtomicBoolean firstFill = new AtomicBoolean();
    private long lastErrorLogNanos;

    private AlertStore(Path indexDir, Directory directory, IndexWriter writer, Analyzer analyzer,
                       MeterRegistry registry, Clock clock, AlertStoreSettings settings) throws IOException {
        this.indexDir = indexDir;
        this.directory = directory;
        this.writer = writer;
        this.analyzer = analyzer;
        this.clock = clock;
        this.settings = settings;
        this.searchers = new SearcherManager(writer, null);
        this.registry = registry;
        this.seq = new AtomicLong(loadTouchedAndMaxSeq());
        this.indexErrors = Counter.builder("socd.alerts.index.errors")
                .description("Alerts that could not be written to the alert index")
                .register(registry);
        this.retentionDeleted = Counter.builder("socd.alerts.retention.deleted")
                .description("Alerts deleted because they were older than the retention period")
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
        long commitMillis = settings.commitInterval().toMillis();
        committer.scheduleWithFixedDelay(this::periodicCommit, commitMillis, commitMillis, TimeUnit.MILLISECONDS);
        // Retention shares the commit thread: both are slow I/O, neither is urgent. First run a
        // minute after start, so a restart loop does not delete while the journal replays.
        committer.scheduleWithFixedDelay(this::retentionTask, 60, TimeUnit.DAYS.toSeconds(1), TimeUnit.SECONDS);
    }

    /** Opens with {@link AlertStoreSettings#defaults()}. */
    public static AlertStore open(Path indexDir, MeterRegistry registry, Clock clock) throws IOException {
        return open(indexDir, registry, clock, AlertStoreSettings.defaults());
    }

    /**
     * Opens (creating if needed) the alert index in {@code indexDir}.
     *
     * @param clock the time of analyst changes and of the retention cut-off
     * @throws IOException when the directory cannot be created or the index cannot be
     *                     opened, e.g. because another socd process holds its lock
     */
    public static AlertStore open(Path indexDir, MeterRegistry registry, Clock clock, AlertStoreSettings settings)
            throws IOException {
        Files.createDirectories(indexDir);
        Analyzer analyzer = AlertQueryParser.analyzer();
        Directory directory = new MMapDirectory(indexDir);
        IndexWriter writer;
        try {
            TieredMergePolicy merges = new TieredMergePolicy();
            // Compound files save file handles but copy every segment once more; the store
            // flushes a small segment per refresh, several a second, so the copy is paid often.
            merges.setNoCFSRatio(0.0);
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setUseCompoundFile(false)
                    .setMergePolicy(merges)
                    // Bulk indexing (a journal replay, a burst) flushes fewer, larger segments.
                    .setRAMBufferSizeMB(256);
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
            return new AlertStore(indexDir, directory, writer, analyzer, registry, clock, settings);
        } catch (IOException | RuntimeException e) {
            writer.close();
            directory.close();
            throw e;
        }
    }

    @Override
    public void accept(Alert alert) {
        writeLock.lock();
        try {
            StoredAlert stored = StoredAlert.fresh(alert);
            if (touched.contains(alert.id())) {
                stored = keepWorkflow(alert);
            }
            write(stored, seq.incrementAndGet());
        } catch (IOException | RuntimeException e) {
            // The pipeline must go on; the journal still has the record for a later replay.
            indexErrors.increment();
            logRateLimited("cannot index alert " + alert.id() + " (rule " + alert.ruleId() + ") in "
                    + indexDir, e);
        } finally {
            writeLock.unlock();
        }
    }

    /** The pipeline's new version of the alert with the analysts' status, assignee, notes and history. */
    private StoredAlert keepWorkflow(Alert alert) throws IOException {
        Optional<StoredAlert> existing = getFresh(alert.id());
        if (existing.isEmpty()) {
            return StoredAlert.fresh(alert);
        }
        StoredAlert old = existing.get();
        Alert merged = withStatus(alert, old.status());
        return new StoredAlert(merged, old.assignee(), old.resolution(), old.notes(), old.history());
    }

    private void write(StoredAlert stored, long sequence) throws IOException {
        Term id = AlertDocuments.idTerm(stored.id());
        Document doc = documents.document(stored, sequence);
        IdFilter known = ids;
        if (known != null && !known.mightContain(id.bytes())) {
            writer.addDocument(doc); // certainly a new id: no delete term to apply
        } else {
            writer.updateDocument(id, doc);
        }
        changed.set(true);
        if (known != null) {
            known.add(id.bytes());
        }
        IdFilter next = idsFilling;
        if (next != null) {
            next.add(id.bytes());
        }
        // The first write fills the filter, not open(): a store opened to search (the API while
        // the pipeline is quiet, a benchmark) need not read every id, and at 10 M alerts that
        // read competed with the first searches for seconds.
        // A failed first fill is not retried: writes stay updates, as they were before.
        boolean due = known == null ? firstFill.compareAndSet(false, true) : known.full();
        if (due && next == null && fillScheduled.compareAndSet(false, true)) {
            committer.execute(this::fillIdFilter);
        }
    }

    /**
     * Fills a new {@link IdFilter} from the ids in the index and then uses it. The pipeline goes
     * on meanwhile: under the write lock the searcher is refreshed (so it holds every alert
     * written so far) and the new filter registered (so every later write goes into it too).
     */
    private void fillIdFilter() {
        IndexSearcher searcher;
        IdFilter next;
        writeLock.lock();
        try {
            if (closed.get()) {
                fillScheduled.set(false);
                return;
            }
            searchers.maybeRefreshBlocking();
            searcher = searchers.acquire();
            long maxDoc = searcher.getIndexReader().maxDoc();
            next = new IdFilter(maxDoc + Math.max(MIN_ID_FILTER_HEADROOM, maxDoc / 2));
            idsFilling = next;
        } catch (IOException | RuntimeException e) {
            fillScheduled.set(false);
            logRateLimited("cannot read alert ids from " + indexDir + "; alerts are written as updates meanwhile", e);
            return;
        } finally {
            writeLock.unlock();
        }
        boolean filled = false;
        try {
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Terms terms = leaf.reader().terms(AlertDocuments.ID);
                if (terms != null) {
                    TermsEnum each = terms.iterator();
                    for (BytesRef id = each.next(); id != null; id = each.next()) {
                        next.add(id);
                    }
                }
            }
            filled = true;
        } catch (IOException | RuntimeException e) {
            logRateLimited("cannot read alert ids from " + indexDir + "; alerts are written as updates meanwhile", e);
        } finally {
            release(searcher);
            writeLock.lock();
            try {
                if (filled) {
                    ids = next;
                }
                idsFilling = null;
            } finally {
                writeLock.unlock();
            }
            fillScheduled.set(false);
        }
    }

    /** True once the store adds alerts with new ids instead of updating (tests wait for it). */
    boolean idFilterReady() {
        return ids != null;
    }

    /** Nothing to do: the background refresh makes alerts searchable (see the class comment). */
    @Override
    public void endOfBatch() {
    }

    /**
     * Applies an analyst's change to an alert and records who made it and when.
     *
     * @param actor who makes the change (shown in the history)
     * @return the alert after the change, or empty when there is no alert with this id
     * @throws AlertWorkflowException when the change does not fit the alert's status
     */
    public Optional<StoredAlert> update(String id, String actor, AlertChange change) {
        StoredAlert after;
        writeLock.lock();
        try {
            Optional<StoredAlert> current = getFresh(id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            StoredAlert before = current.get();
            after = apply(before, actor, change, clock.instant());
            Document doc = documents.document(after, seqOf(id));
            writer.updateDocument(AlertDocuments.idTerm(id), doc);
            changed.set(true);
            touched.add(id);
            // The analyst who acknowledged an alert must see it acknowledged on the next read.
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update alert " + id + " in " + indexDir
                    + "; check free disk space and permissions", e);
        } finally {
            writeLock.unlock();
        }
        for (Consumer<StoredAlert> listener : updateListeners) {
            listener.accept(after);
        }
        return Optional.of(after);
    }

    /** Called after each analyst change, outside the store's lock. */
    public void onUpdate(Consumer<StoredAlert> listener) {
        updateListeners.add(listener);
    }

    private static StoredAlert apply(StoredAlert s, String actor, AlertChange change, Instant now) {
        List<HistoryEntry> history = new ArrayList<>(s.history());
        List<Note> notes = new ArrayList<>(s.notes());
        Alert alert = s.alert();
        String assignee = s.assignee();
        String resolution = s.resolution();
        // Java 17: no pattern switch yet; the sealed interface keeps this list complete.
        if (change instanceof AlertChange.Acknowledge) {
            if (s.status() != AlertStatus.NEW) {
                throw new AlertWorkflowException("alert " + s.id() + " is " + s.status().jsonName()
                        + "; only new alerts can be acknowledged");
            }
            alert = withStatus(alert, AlertStatus.ACKNOWLEDGED);
            history.add(new HistoryEntry(now, actor, "acknowledged", ""));
        } else if (change instanceof AlertChange.Close close) {
            if (s.status() == AlertStatus.CLOSED) {
                throw new AlertWorkflowException("alert " + s.id() + " is already closed (" + s.resolution() + ")");
            }
            alert = withStatus(alert, AlertStatus.CLOSED);
            resolution = close.resolution().strip();
            history.add(new HistoryEntry(now, actor, "closed", resolution));
        } else if (change instanceof AlertChange.Assign assign) {
            assignee = assign.assignee() == null || assign.assignee().isBlank() ? null : assign.assignee().strip();
            history.add(new HistoryEntry(now, actor, "assigned", assignee == null ? "" : assignee));
        } else if (change instanceof AlertChange.AddNote note) {
            notes.add(new Note(now, actor, note.text().strip()));
            history.add(new HistoryEntry(now, actor, "noted", note.text().strip()));
        }
        return new StoredAlert(alert, assignee, resolution, notes, history);
    }

    private static Alert withStatus(Alert a, AlertStatus status) {
        return new Alert(a.id(), a.ruleId(), a.ruleTitle(), a.level(), a.tags(), status, a.host(), a.user(),
                a.srcIp(), a.timestamp(), a.detectedAt(), a.event());
    }

    /** Alerts matching {@code query}, newest detection first, from the query's cursor on. */
    public AlertPage search(AlertQuery query) {
        Query parsed = new AlertQueryParser(analyzer).parse(query.query());
        Query filtered = withDetectionWindow(parsed, query.from(), query.to());
        FieldDoc after = null;
        if (query.cursor() != null) {
            PageCursor c = PageCursor.decode(query.cursor());
            after = new FieldDoc(Integer.MAX_VALUE, Float.NaN, new Object[] {c.detectedAtMillis(), c.seq()});
        }
        IndexSearcher searcher = acquire();
        try {
            // A threshold of MAX_VALUE makes the total exact; the UI shows "n of N" and a
            // lower bound would be a lie.
            TopFieldDocs top = searcher.search(filtered,
                    new TopFieldCollectorManager(NEWEST_FIRST, query.limit(), after, Integer.MAX_VALUE));
            List<StoredAlert> alerts = load(searcher, top);
            String next = null;
            if (top.scoreDocs.length == query.limit()) {
                FieldDoc last = (FieldDoc) top.scoreDocs[top.scoreDocs.length - 1];
                next = new PageCursor((Long) last.fields[0], (Long) last.fields[1]).encode();
            }
            return new AlertPage(alerts, top.totalHits.value, next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search alert index " + indexDir, e);
        } finally {
            release(searcher);
        }
    }

    /**
     * Counts by one field and a histogram over a detection window. Without a query filter the
     * whole UTC days of the window come from per-segment counts ({@link PrecountedStats}); with
     * one, the matching alerts' doc values are walked. Both give the same, exact answer.
     */
    public AlertStats stats(StatsQuery query) {
        return stats(query, true);
    }

    /** {@link #stats(StatsQuery)}, optionally without the precounted path (tests compare the two). */
    AlertStats stats(StatsQuery query, boolean precounted) {
        Query parsed = new AlertQueryParser(analyzer).parse(query.query());
        Query filtered = withDetectionWindow(parsed, query.from(), query.to());
        long from = query.from().toEpochMilli();
        long interval = query.interval().toMillis();
        IndexSearcher searcher = acquire();
        try {
            StatsCollector collector = new StatsCollector(query.groupBy().field, from,
                    query.to().toEpochMilli(), interval);
            boolean counted = precounted && parsed instanceof MatchAllDocsQuery
                    && precounts.count(searcher, query.groupBy().field, from, exclusiveEndMillis(query.to()), collector);
            if (!counted) {
                searcher.search(filtered, collector);
                collector.finish();
            }
            List<AlertStats.Group> groups = collector.groups.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(query.top())
                    .map(e -> new AlertStats.Group(e.getKey(), label(searcher, query.groupBy(), e.getKey()), e.getValue()))
                    .toList();
            List<AlertStats.Bucket> histogram = new ArrayList<>(collector.histogram.length);
            for (int i = 0; i < collector.histogram.length; i++) {
                histogram.add(new AlertStats.Bucket(Instant.ofEpochMilli(from + i * interval), collector.histogram[i]));
            }
            return new AlertStats(collector.total, groups, query.interval(), histogram);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compute alert stats on " + indexDir, e);
        } finally {
            release(searcher);
        }
    }

    /** Segment counts held by the precounted stats path (tests check that it was taken). */
    int precountedEntries() {
        return precounts.cachedEntries();
    }

    /** Rule ids are opaque; their title is what an analyst recognises. */
    private static String label(IndexSearcher searcher, StatsQuery.GroupBy groupBy, String key) {
        if (groupBy != StatsQuery.GroupBy.RULE) {
            return key;
        }
        // Newest segment first, stopping at the first live alert of the rule: a query would
        // look the term up in every segment, and ten of those were most of a stats request.
        BytesRef term = new BytesRef(AlertDocuments.keyword(key));
        try {
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            for (int i = leaves.size() - 1; i >= 0; i--) {
                LeafReader reader = leaves.get(i).reader();
                Terms terms = reader.terms(AlertDocuments.RULE_ID);
                if (terms == null) {
                    continue;
                }
                TermsEnum each = terms.iterator();
                if (!each.seekExact(term)) {
                    continue;
                }
                Bits live = reader.getLiveDocs();
                PostingsEnum docs = each.postings(null, PostingsEnum.NONE);
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        String title = AlertDocuments.ruleTitle(reader.storedFields().document(doc));
                        return title == null || title.isBlank() ? key : title;
                    }
                }
            }
            return key;
        } catch (IOException e) {
            return key;
        }
    }

    /** The alert with this id, if the index has it (as of the last refresh). */
    public Optional<StoredAlert> get(String id) {
        IndexSearcher searcher = acquire();
        try {
            TopDocs top = searcher.search(new TermQuery(AlertDocuments.idTerm(id)), 1);
            List<StoredAlert> alerts = load(searcher, top);
            return alerts.isEmpty() ? Optional.empty() : Optional.of(alerts.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read alert " + id + " from " + indexDir, e);
        } finally {
            release(searcher);
        }
    }

    /** Like {@link #get} but sees every write so far; callers hold the write lock. */
    private Optional<StoredAlert> getFresh(String id) throws IOException {
        searchers.maybeRefreshBlocking();
        return get(id);
    }

    private long seqOf(String id) throws IOException {
        IndexSearcher searcher = acquire();
        try {
            TopDocs top = searcher.search(new TermQuery(AlertDocuments.idTerm(id)), 1);
            return top.scoreDocs.length == 0 ? seq.incrementAndGet()
                    : AlertDocuments.seq(searcher.storedFields().document(top.scoreDocs[0].doc));
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

    /**
     * Deletes alerts detected before {@code cutoff} and commits.
     *
     * @return how many were deleted
     */
    public long deleteDetectedBefore(Instant cutoff) {
        Query old = LongPoint.newRangeQuery(AlertDocuments.DETECTED_AT, Long.MIN_VALUE, cutoff.toEpochMilli() - 1);
        writeLock.lock();
        try {
            searchers.maybeRefreshBlocking();
            long n;
            IndexSearcher searcher = acquire();
            try {
                n = searcher.count(old);
            } finally {
                release(searcher);
            }
            if (n > 0) {
                writer.deleteDocuments(old);
                changed.set(true);
                commit();
                searchers.maybeRefreshBlocking();
                retentionDeleted.increment(n);
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete old alerts from " + indexDir, e);
        } finally {
            writeLock.unlock();
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

    /** Reads the touched ids and returns the highest sequence number in the index. */
    private long loadTouchedAndMaxSeq() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            StoredFields stored = searcher.storedFields();
            TopDocs touchedDocs = searcher.search(new TermQuery(new org.apache.lucene.index.Term(AlertDocuments.TOUCHED, "1")),
                    Math.max(1, searcher.getIndexReader().maxDoc()));
            for (ScoreDoc hit : touchedDocs.scoreDocs) {
                touched.add(AlertDocuments.id(stored.document(hit.doc)));
            }
            TopFieldDocs last = searcher.search(new MatchAllDocsQuery(), 1,
                    new Sort(new SortField(AlertDocuments.SEQ, SortField.Type.LONG, true)));
            return last.scoreDocs.length == 0 ? 0 : AlertDocuments.seq(stored.document(last.scoreDocs[0].doc));
        } finally {
            searchers.release(searcher);
        }
    }

    private static Query withDetectionWindow(Query parsed, Instant fromInstant, Instant toInstant) {
        if (fromInstant == null && toInstant == null) {
            return parsed;
        }
        long from = fromInstant == null ? Long.MIN_VALUE : fromInstant.toEpochMilli();
        // 'to' is exclusive, so that consecutive windows neither overlap nor leave gaps.
        long to = toInstant == null ? Long.MAX_VALUE : exclusiveEndMillis(toInstant) - 1;
        return new BooleanQuery.Builder()
                .add(parsed, BooleanClause.Occur.MUST)
                .add(LongPoint.newRangeQuery(AlertDocuments.DETECTED_AT, from, to), BooleanClause.Occur.FILTER)
                .build();
    }

    /** The first millisecond after a window ending (exclusively) at {@code to}. */
    private static long exclusiveEndMillis(Instant to) {
        // The index holds milliseconds; a 'to' inside a millisecond keeps that millisecond.
        return to.getNano() % 1_000_000 == 0 ? to.toEpochMilli() : to.toEpochMilli() + 1;
    }

    private static List<StoredAlert> load(IndexSearcher searcher, TopDocs top) throws IOException {
        StoredFields stored = searcher.storedFields();
        List<StoredAlert> alerts = new ArrayList<>(top.scoreDocs.length);
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

    private void retentionTask() {
        if (closed.get()) {
            return;
        }
        try {
            Instant cutoff = clock.instant().minus(settings.retention());
            long n = deleteDetectedBefore(cutoff);
            if (n > 0) {
                LOG.log(Level.INFO, "retention: deleted " + n + " alerts detected before " + cutoff
                        + " (older than " + settings.retention().toDays() + " days)");
            }
        } catch (RuntimeException e) {
            indexErrors.increment();
            logRateLimited("retention run on alert index " + indexDir + " failed", e);
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
