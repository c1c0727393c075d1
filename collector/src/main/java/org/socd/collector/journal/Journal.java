package org.socd.collector.journal;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.socd.collector.intake.RecordSink;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * The durable journal: every accepted record is appended here before anything else happens
 * to it, and the pipeline reads from here.
 *
 * <p>Appends ({@link #tryAppend}, {@link #offer}) copy the record into an in-memory buffer and
 * return at once, so a Netty event loop never waits on the disk; a full buffer, a full disk or
 * an exhausted budget makes them return false/-1 and the input pauses. One writer thread
 * writes the buffer to the active segment and fsyncs (group commit) at most every
 * {@code flushIntervalMillis} or {@code flushBytes}; only then are records visible to
 * {@link #reader readers} and are {@link #whenDurable durable-ack} callbacks run.
 *
 * <p>On open, the last segment is scanned: a torn last record (power loss mid-write) fails its
 * CRC and is truncated; corrupt records elsewhere are skipped by readers, counted in
 * {@code socd_journal_corrupt_records_total} and logged with file and offset. Nothing in the
 * journal ever stops the daemon.
 */
public final class Journal implements RecordSink, AutoCloseable {

    private static final Logger LOG = System.getLogger(Journal.class.getName());
    private static final long MAINTENANCE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Why appends are refused; null while they are accepted. */
    public enum Blocked { DISK_FULL, BUDGET, IO_ERROR }

    private final JournalSettings settings;
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final CheckpointFile checkpointFile;
    private final FileStore store;
    private final Thread writer;
    private final JournalMetrics metrics;

    // Guarded by 'lock': the append buffer and position counter.
    private final Object lock = new Object();
    /** Where the inputs append; swapped with {@code spare} when the writer takes it. */
    private AppendBuffer filling;
    private AppendBuffer spare;
    private long nextPosition;
    private boolean closing;

    // Writer thread only.
    private Segment active;
    private SegmentAppender activeAppender;
    /** Whether segments are opened for direct I/O: off once a file system has refused a direct write. */
    private boolean directIo;
    /** The buffer taken from the inputs and not yet written and fsynced, or null. */
    private AppendBuffer stalled;
    /** Position of the first record in {@code stalled} not yet written. */
    private long stalledPosition;
    private long lastFlushNanos;
    private long lastMaintenanceNanos;
    private String lastFailure;

    private final Object waitersLock = new Object();
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();
    private final Object durableSignal = new Object();

    private volatile long durableEnd;
    private volatile long checkpoint;
    private volatile Blocked blocked;
    /**
     * The names of the last append, encoded; appends from the same connection reuse them.
     * Shared by input threads without a lock: a stale or lost value costs one encoding, and
     * the record's final fields make whatever a thread reads complete.
     */
    private RecordFormat.EncodedMeta lastEncoded;
    /** Where the writer leaves durable batches for the feeder; null until one asks for it. */
    private volatile HandOff handOff;
    private volatile double lagCached;
    private volatile long lagComputedNanos;

    private record Waiter(long position, Runnable callback) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter o) {
            return Long.compare(position, o.position);
        }
    }

    private Journal(JournalSettings settings, MeterRegistry registry) throws IOException {
        this.settings = settings;
        Files.createDirectories(settings.dir());
        this.store = Files.getFileStore(settings.dir());
        this.metrics = new JournalMetrics(registry, this);
        this.checkpointFile = new CheckpointFile(settings.dir().resolve("checkpoint"));
        recover();
        this.filling = new AppendBuffer(settings.bufferBytes());
        this.spare = new AppendBuffer(settings.bufferBytes());
        this.writer = new Thread(this::writeLoop, "socd-journal-writer");
        writer.setDaemon(true);
    }

    /** Opens (recovering if needed) the journal in {@code settings.dir()} and starts its writer thread. */
    public static Journal open(JournalSettings settings, MeterRegistry registry) throws IOException {
        Journal j = new Journal(settings, registry);
        j.writer.start();
        return j;
    }

    // ---------------------------------------------------------------- recovery

    private void recover() throws IOException {
        List<Long> bases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(settings.dir(), "*.log")) {
            for (Path f : files) {
                long base = Segment.parseBase(f.getFileName().toString());
                if (base >= 0) {
                    bases.add(base);
                }
            }
        }
        bases.sort(null);
        long stored = checkpointFile.read();
        for (int i = 0; i < bases.size(); i++) {
            long base = bases.get(i);
            boolean last = i == bases.size() - 1;
            Segment s = new Segment(base, settings.dir(), new SparseIndex());
            long size = Files.size(s.log);
            SparseIndex saved = last ? null : SparseIndex.load(s.indexFile, base, size);
            if (saved != null) {
                s = new Segment(base, settings.dir(), saved);
                s.bytes = size;
                s.end = bases.get(i + 1);
            } else {
                scan(s, last, stored);
                if (!last) {
                    s.end = Math.max(s.end, bases.get(i + 1));
                }
            }
            s.closed = !last;
            segments.put(base, s);
        }
        if (segments.isEmpty()) {
            Segment s = new Segment(stored, settings.dir(), new SparseIndex());
            Files.deleteIfExists(s.log);
            Files.createFile(s.log);
            segments.put(s.base, s);
        }
        active = segments.lastEntry().getValue();
        directIo = settings.directIo();
        activeAppender = SegmentAppender.open(active.log, active.bytes, false, directIo);
        activeAppender.force();
        nextPosition = active.end;
        durableEnd = nextPosition;
        long oldest = segments.firstKey();
        if (stored > nextPosition) {
            LOG.log(Level.WARNING, "journal " + settings.dir() + ": checkpoint " + stored + " is past the last record ("
                    + (nextPosition - 1) + "); records were lost from the journal's end, new records continue from "
                    + nextPosition);
            stored = nextPosition;
        }
        checkpoint = Math.max(stored, oldest);
        LOG.log(Level.INFO, "journal " + settings.dir() + ": " + segments.size() + " segment(s), positions "
                + oldest + ".." + (nextPosition - 1) + ", checkpoint " + checkpoint + ", "
                + (nextPosition - checkpoint) + " record(s) to replay");
    }

    /**
     * Reads a segment from the start to rebuild its index and find its end. In the last
     * segment, garbage after the last valid record is a write torn by a crash: it is cut off.
     */
    private void scan(Segment s, boolean last, long checkpoint) throws IOException {
        JournalRecord rec = new JournalRecord();
        try (SegmentFile file = new SegmentFile(s.log)) {
            long size = file.size();
            long offset = 0;
            long lastIndexed = -SparseIndex.INTERVAL_BYTES;
            long expected = s.base;
            while (offset < size) {
                int n = file.readAt(offset, size, rec);
                if (n > 0 && rec.position() >= expected) {
                    if (offset - lastIndexed >= SparseIndex.INTERVAL_BYTES) {
                        s.index.add(rec.position(), offset);
                        lastIndexed = offset;
                    }
                    expected = rec.position() + 1;
                    offset += n;
                    continue;
                }
                if (file.isPadding(offset, size)) {
                    // Zeros after the last record: the direct writer's block padding, not damage.
                    if (last) {
                        try (FileChannel ch = FileChannel.open(s.log, StandardOpenOption.WRITE)) {
                            ch.truncate(offset);
                            ch.force(true);
                        }
                    }
                    size = offset;
                    break;
                }
                long next = file.resync(offset + 1, size, expected, rec);
                if (next < 0) {
                    if (last) {
                        LOG.log(Level.WARNING, "journal: " + s.log + ": the last " + (size - offset)
                                + " byte(s) from offset " + offset + " are not a whole valid record (a write cut"
                                + " short by a crash or power loss); truncated. Records before it are intact.");
                        metrics.truncatedBytes.increment(size - offset);
                        try (FileChannel ch = FileChannel.open(s.log, StandardOpenOption.WRITE)) {
                            ch.truncate(offset);
                            ch.force(true);
                        }
                    } else {
                        metrics.reportCorrupt(s.log, offset, size - offset, -1);
                    }
                    size = offset;
                    break;
                }
                file.readAt(next, size, rec);
                if (rec.position() <= checkpoint) {
                    // Behind the checkpoint no reader comes by to report it; past it, the
                    // pipeline's reader reports it once when it gets there.
                    metrics.reportCorrupt(s.log, offset, next - offset, rec.position() - expected);
                }
                offset = next;
            }
            s.bytes = size;
            s.end = expected;
        }
    }

    // ---------------------------------------------------------------- appending

    /**
     * Appends one record without waiting; the record is durable once {@link #durableEnd()}
     * passes the returned position.
     *
     * @return the record's position, or -1 when the journal cannot take it now (buffer full,
     *         disk full, budget exhausted, closing): the caller pauses and tries again
     */
    public long tryAppend(byte[] data, int offset, int length, ReceiveMetadata meta) {
        RecordFormat.EncodedMeta encoded = encode(meta);
        synchronized (lock) {
            if (closing || blocked != null) {
                metrics.refused.increment();
                return -1;
            }
            boolean wasEmpty = filling.bytes.position() == 0;
            long position = appendLocked(encoded, data, offset, length);
            wakeWriterLocked(wasEmpty);
            return position;
        }
    }

    private RecordFormat.EncodedMeta encode(ReceiveMetadata meta) {
        RecordFormat.EncodedMeta encoded = RecordFormat.EncodedMeta.of(meta, lastEncoded);
        lastEncoded = encoded;
        return encoded;
    }

    /** Holds {@code lock}, appends open: writes one record into the buffer; -1 (counted) when it does not fit. */
    private long appendLocked(RecordFormat.EncodedMeta encoded, byte[] data, int offset, int length) {
        if (filling.bytes.remaining() < RecordFormat.HEADER_BYTES + encoded.payloadLength(length)) {
            metrics.refused.increment();
            return -1;
        }
        long position = nextPosition++;
        filling.append(position, encoded, data, offset, length);
        return position;
    }

    /**
     * Holds {@code lock}. The writer sleeps while there is nothing to write; the first record
     * wakes it so that it is written one flush interval later, not at the next maintenance tick,
     * and so does a buffer past the flush size.
     */
    private void wakeWriterLocked(boolean wasEmpty) {
        if (filling.bytes.position() > 0 && (wasEmpty || filling.bytes.position() >= settings.flushBytes())) {
            lock.notifyAll();
        }
    }

    /** {@link RecordSink} for inputs that need no acknowledgement (UDP, TCP): true when appended. */
    @Override
    public boolean offer(byte[] data, int offset, int length, ReceiveMetadata meta) {
        return tryAppend(data, offset, length, meta) >= 0;
    }

    /**
     * {@link RecordSink} for a run of records with one metadata: appended under one lock,
     * as many as the buffer takes, each with its own position, exactly as appended one by one.
     */
    @Override
    public int offer(byte[][] arrays, int[] offsets, int[] lengths, int from, int to, ReceiveMetadata meta) {
        Objects.checkFromToIndex(from, to, arrays.length);
        RecordFormat.EncodedMeta encoded = encode(meta);
        synchronized (lock) {
            if (closing || blocked != null) {
                metrics.refused.increment();
                return 0;
            }
            boolean wasEmpty = filling.bytes.position() == 0;
            int i = from;
            while (i < to && appendLocked(encoded, arrays[i], offsets[i], lengths[i]) >= 0) {
                i++;
            }
            wakeWriterLocked(wasEmpty);
            return i - from;
        }
    }

    /** {@code journal_buffer_full} while the writer catches up, else why appends are blocked. */
    @Override
    public String refusalReason() {
        Blocked b = blocked;
        return b == null ? "journal_buffer_full" : "journal_" + b.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Runs {@code callback} once the record at {@code position} is fsynced: right here if it
     * already is, else on the journal's writer thread (so hop to your own thread; never block).
     */
    public void whenDurable(long position, Runnable callback) {
        synchronized (waitersLock) {
            if (position >= durableEnd) {
                waiters.add(new Waiter(position, callback));
                return;
            }
        }
        callback.run();
    }

    /** Every position below this is on disk and fsynced. */
    public long durableEnd() {
        return durableEnd;
    }

    /**
     * Waits up to {@code millis} until the record at {@code position} is durable (one group
     * commit may make only the records before it durable: this waits on).
     *
     * @return whether it is durable now
     */
    public boolean awaitDurable(long position, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (durableSignal) {
            long left;
            while (durableEnd <= position && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(durableSignal, left);
            }
            return durableEnd > position;
        }
    }

    /** Why appends are refused right now, or null when they are accepted. */
    public Blocked blocked() {
        return blocked;
    }

    // ---------------------------------------------------------------- reading and checkpoint

    /**
     * From now on, the writer keeps each durable batch in memory for the one consumer that
     * feeds the pipeline, up to {@code 4 * bufferBytes} of them; what does not fit is read
     * from disk as before. Called once, by that consumer.
     */
    synchronized HandOff openHandOff() {
        if (handOff != null) {
            throw new IllegalStateException("the journal's hand-off is already taken");
        }
        handOff = new HandOff((int) Math.min(4L * settings.bufferBytes(), 1 << 30));
        return handOff;
    }

    /** The consumer of {@code h} has stopped: the writer stops copying batches into it. */
    synchronized void closeHandOff(HandOff h) {
        if (handOff == h) {
            handOff = null;
        }
    }

    /** A reader positioned at {@code position} (or the oldest record, if that is later). */
    public JournalReader reader(long position) {
        return new JournalReader(this, position, true);
    }

    /** Everything below this position is fully processed and may be deleted by retention. */
    public long checkpoint() {
        return checkpoint;
    }

    /** Records that everything below {@code position} is processed, durably; never moves back. */
    public synchronized void checkpoint(long position) throws IOException {
        long p = Math.min(position, durableEnd);
        if (p <= checkpoint) {
            return;
        }
        checkpointFile.write(p);
        checkpoint = p;
    }

    Segment segmentFor(long position) {
        Map.Entry<Long, Segment> e = segments.floorEntry(position);
        return e != null ? e.getValue() : segments.firstEntry().getValue();
    }

    Segment segmentAfter(Segment s) {
        Map.Entry<Long, Segment> e = segments.higherEntry(s.base);
        return e == null ? null : e.getValue();
    }

    JournalMetrics metrics() {
        return metrics;
    }

    /** Figures for {@code soc journal status}, the API and the metrics. */
    public JournalStatus status() {
        long size = 0;
        for (Segment s : segments.values()) {
            size += s.bytes;
        }
        long oldest = segments.firstKey();
        long newestEnd = durableEnd;
        long cp = checkpoint;
        double lagSeconds = lagSeconds(cp, newestEnd);
        Blocked b = blocked;
        return new JournalStatus(settings.dir().toString(), size, segments.size(), oldest,
                newestEnd - 1, cp, newestEnd - cp, lagSeconds, b == null ? null : b.name().toLowerCase(),
                (long) metrics.corruptRecords.count(), (long) metrics.truncatedBytes.count());
    }

    /**
     * Age in seconds of the oldest unprocessed record, 0 when there is none, NaN when it
     * cannot be read. Read from disk at most once a second: scrapes may come much more often.
     */
    double lagSeconds() {
        long now = System.nanoTime();
        if (now - lagComputedNanos > MAINTENANCE_NANOS || lagComputedNanos == 0) {
            lagCached = lagSeconds(checkpoint, durableEnd);
            lagComputedNanos = now;
        }
        return lagCached;
    }

    private double lagSeconds(long cp, long end) {
        if (cp >= end) {
            return 0;
        }
        try (JournalReader r = new JournalReader(this, cp, false)) {
            JournalRecord rec = new JournalRecord();
            if (r.next(rec)) {
                long nanos = System.currentTimeMillis() * 1_000_000L - rec.meta().receivedNanos();
                return Math.max(0, nanos / 1e9);
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    // ---------------------------------------------------------------- writer thread

    private void writeLoop() {
        lastFlushNanos = System.nanoTime();
        lastMaintenanceNanos = lastFlushNanos;
        while (true) {
            AppendBuffer batch = null;
            boolean stop;
            synchronized (lock) {
                waitForWork();
                stop = closing;
                if (stalled == null && filling.bytes.position() > 0) {
                    batch = filling;
                    filling = spare;
                    spare = batch;
                    batch.end = nextPosition;
                    batch.bytes.flip();
                }
            }
            if (batch != null) {
                stalled = batch;
                stalledPosition = batch.first;
            }
            if (stalled != null && (batch != null || maintenanceDue())) {
                flush();
            }
            if (maintenanceDue()) {
                lastMaintenanceNanos = System.nanoTime();
                maintain();
            }
            if (stop && stalled == null) {
                synchronized (lock) {
                    if (filling.bytes.position() == 0) {
                        return;
                    }
                }
            } else if (stop && stalled != null && blocked != null) {
                LOG.log(Level.ERROR, "journal: closing with " + stalled.bytes.remaining() + " unwritten byte(s) ("
                        + lastFailure + "); those records were never acknowledged as durable");
                return;
            }
        }
    }

    private boolean maintenanceDue() {
        return System.nanoTime() - lastMaintenanceNanos >= MAINTENANCE_NANOS;
    }

    /** Holds {@code lock}. Returns when a batch should be written, maintenance is due or on close. */
    private void waitForWork() {
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.flushIntervalMillis());
        while (!closing) {
            long now = System.nanoTime();
            if (maintenanceDue()) {
                return;
            }
            if (stalled == null && filling.bytes.position() > 0
                    && (filling.bytes.position() >= settings.flushBytes() || now - lastFlushNanos >= intervalNanos)) {
                return;
            }
            long waitNanos = filling.bytes.position() > 0 && stalled == null
                    ? intervalNanos - (now - lastFlushNanos)
                    : MAINTENANCE_NANOS - (now - lastMaintenanceNanos);
            try {
                TimeUnit.NANOSECONDS.timedWait(lock, Math.max(waitNanos, 100_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Writes {@code stalled} to the segments and fsyncs; on failure keeps the rest for a retry. */
    private void flush() {
        AppendBuffer batch = stalled;
        try {
            while (batch.bytes.hasRemaining()) {
                writeRun(batch);
            }
            long start = System.nanoTime();
            activeAppender.force();
            metrics.fsync.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            lastFlushNanos = System.nanoTime();
            stalled = null;
            if (blocked == Blocked.IO_ERROR || blocked == Blocked.DISK_FULL) {
                updateBlocked(evaluateSpace());
            }
            HandOff h = handOff;
            if (h != null) {
                // Before durableEnd moves, so that a feeder woken by it finds the batch here
                // and does not read it back from disk. The whole batch: a failed earlier
                // attempt may have written part of it, but only now is any of it durable.
                h.offer(batch.bytes, 0, batch.bytes.limit(), batch.first, stalledPosition);
            }
            batch.bytes.clear();
            publishDurable(stalledPosition);
        } catch (IOException e) {
            lastFailure = e.getMessage();
            boolean noSpace = e.getMessage() != null && e.getMessage().contains("No space left");
            updateBlocked(noSpace ? Blocked.DISK_FULL : Blocked.IO_ERROR);
        }
    }

    /**
     * Writes the records of {@code batch} that fit the active segment, then rolls if it is full.
     * A record goes into the segment while the segment is shorter than {@code segmentBytes}
     * where it starts (or is empty): so the batch's marks say where a run ends and what to
     * index, and only the few records after the last mark before the end are walked.
     */
    private void writeRun(AppendBuffer batch) throws IOException {
        ByteBuffer bytes = batch.bytes;
        RecordMarks marks = batch.marks;
        int runStart = bytes.position();
        long fileBytes = active.bytes;
        long room = Math.max(0, settings.segmentBytes() - fileBytes);
        int p;
        long position;
        if (room >= bytes.limit() - runStart) {
            p = bytes.limit();
            position = batch.end;
        } else {
            // From the last mark at or before the segment's end (if it is in this run), one
            // record at a time to the first record that starts past it.
            int cut = runStart + (int) room;
            int m = marks.floor(cut);
            p = m >= 0 && marks.offset(m) > runStart ? marks.offset(m) : runStart;
            position = p == runStart ? stalledPosition : marks.position(m);
            while (p < cut || (p == runStart && fileBytes == 0)) {
                p += RecordFormat.HEADER_BYTES + bytes.getInt(p);
                position++;
            }
        }
        if (p > runStart) {
            append(bytes.slice(runStart, p - runStart));
            index(marks, runStart, p, fileBytes);
            active.bytes = fileBytes + (p - runStart);
            active.end = position;
            bytes.position(p);
            stalledPosition = position;
        }
        if (bytes.hasRemaining()) {
            roll(position);
        }
    }

    /**
     * Indexes the run {@code [runStart, runEnd)} of {@code stalled}, written at {@code fileBytes}
     * of the active segment: its first record and the {@code marks} in it, each at least
     * {@link SparseIndex#INTERVAL_BYTES} after the entry before.
     */
    private void index(RecordMarks marks, int runStart, int runEnd, long fileBytes) {
        SparseIndex index = active.index;
        long lastIndexed = index.lastOffset();
        if (lastIndexed < 0 || fileBytes - lastIndexed >= SparseIndex.INTERVAL_BYTES) {
            index.add(stalledPosition, fileBytes);
            lastIndexed = fileBytes;
        }
        for (int m = Math.max(0, marks.floor(runStart) + 1); m < marks.size(); m++) {
            int offset = marks.offset(m);
            if (offset >= runEnd) {
                break;
            }
            long at = fileBytes + (offset - runStart);
            if (at - lastIndexed >= SparseIndex.INTERVAL_BYTES) {
                index.add(marks.position(m), at);
                lastIndexed = at;
            }
        }
    }

    /**
     * Appends {@code run} to the active segment. A file system that opened the file for direct
     * I/O but refuses the writes (EINVAL: an alignment it does not accept) gets the same bytes
     * through the page cache, and so does every later segment: refusing appends over it would
     * stop every input.
     */
    private void append(ByteBuffer run) throws IOException {
        int start = run.position();
        try {
            activeAppender.append(run);
        } catch (IOException e) {
            if (!(activeAppender instanceof DirectAppender) || !String.valueOf(e.getMessage()).contains("Invalid argument")) {
                throw e;
            }
            LOG.log(Level.WARNING, "journal: " + active.log + ": direct I/O refused (" + e.getMessage()
                    + "); writing through the page cache from now on");
            directIo = false;
            long size = activeAppender.size();
            try {
                activeAppender.close();
            } catch (IOException closing) {
                // the page-cache appender below cuts the file back to the same size
            }
            activeAppender = SegmentAppender.open(active.log, size, false, false);
            run.position(start);
            activeAppender.append(run);
        }
    }

    private void roll(long base) throws IOException {
        Segment next = new Segment(base, settings.dir(), new SparseIndex());
        // The new file first: if it cannot be created, the old one stays active for the retry.
        SegmentAppender nextAppender = SegmentAppender.open(next.log, 0, true, directIo);
        try {
            activeAppender.close(); // cut to its records and synced: now its size is final
            active.index.save(active.indexFile);
        } catch (IOException e) {
            // Only a shortcut: without it, the next start scans the segment, padding and all.
            LOG.log(Level.DEBUG, "journal: no index for " + active.log + ": " + e.getMessage());
            Files.deleteIfExists(active.indexFile);
        }
        segments.put(base, next);
        Segment old = active;
        active = next;
        activeAppender = nextAppender;
        old.closed = true;
        syncDirectory();
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(settings.dir(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot fsync a directory; the file's own fsync still holds.
        }
    }

    private void publishDurable(long end) {
        durableEnd = end;
        synchronized (durableSignal) {
            durableSignal.notifyAll();
        }
        List<Runnable> ready = new ArrayList<>();
        synchronized (waitersLock) {
            while (!waiters.isEmpty() && waiters.peek().position() < end) {
                ready.add(waiters.poll().callback());
            }
        }
        for (Runnable r : ready) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "journal: a durable-ack callback failed", e);
            }
        }
    }

    // ---------------------------------------------------------------- retention and space

    private void maintain() {
        try {
            retain();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "journal: retention failed: " + e.getMessage(), e);
        }
        if (stalled == null) {
            updateBlocked(evaluateSpace());
        }
    }

    /** Deletes the oldest processed segments while over budget or too old; never past the checkpoint. */
    private void retain() throws IOException {
        long total = 0;
        for (Segment s : segments.values()) {
            total += s.bytes;
        }
        long oldestAllowedMillis = System.currentTimeMillis() - settings.maxAge().toMillis();
        for (Segment s : segments.values()) {
            if (s == active || !s.closed || s.end > checkpoint) {
                break;
            }
            // A segment's worth of headroom below the budget, so that appends are not refused
            // again as soon as the active segment grows a little.
            boolean overBudget = total > settings.maxBytes() - settings.segmentBytes();
            boolean tooOld = Files.getLastModifiedTime(s.log).toMillis() < oldestAllowedMillis;
            if (!overBudget && !tooOld) {
                break;
            }
            s.deleted = true;
            segments.remove(s.base);
            Files.deleteIfExists(s.indexFile);
            Files.deleteIfExists(s.log);
            total -= s.bytes;
            metrics.segmentsDeleted.increment();
            LOG.log(Level.DEBUG, "journal: deleted processed segment " + s.log + (overBudget ? " (over budget)" : " (too old)"));
        }
    }

    private Blocked evaluateSpace() {
        try {
            if (store.getUsableSpace() < settings.minFreeBytes()) {
                lastFailure = "free space on " + store + " below " + settings.minFreeBytes() + " bytes";
                return Blocked.DISK_FULL;
            }
        } catch (IOException e) {
            lastFailure = e.getMessage();
            return Blocked.IO_ERROR;
        }
        long total = 0;
        for (Segment s : segments.values()) {
            total += s.bytes;
        }
        if (total >= settings.maxBytes()) {
            lastFailure = "unprocessed records fill the journal budget of " + settings.maxBytes() + " bytes";
            return Blocked.BUDGET;
        }
        return null;
    }

    private void updateBlocked(Blocked now) {
        Blocked before = blocked;
        if (before == now) {
            return;
        }
        blocked = now;
        if (now != null) {
            LOG.log(Level.WARNING, "journal " + settings.dir() + ": not accepting records (" + now.name().toLowerCase()
                    + ": " + lastFailure + "); inputs stop acknowledging until space returns — free disk space or"
                    + " raise journal.max_bytes. socd_journal_blocked{reason} shows it; nothing is dropped.");
        } else {
            LOG.log(Level.INFO, "journal " + settings.dir() + ": accepting records again (was " + before.name().toLowerCase() + ")");
        }
    }

    // ---------------------------------------------------------------- close

    /** Writes and fsyncs everything appended so far, then stops. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            lock.notifyAll();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            activeAppender.close();
            checkpointFile.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the journal in " + settings.dir(), e);
        } finally {
            metrics.close();
        }
    }

    JournalSettings settings() {
        return settings;
    }

    long sizeBytes() {
        long total = 0;
        for (Segment s : segments.values()) {
            total += s.bytes;
        }
        return total;
    }

    int segmentCount() {
        return segments.size();
    }

    long oldestPosition() {
        return segments.firstKey();
    }

    /** Position of the oldest record still on disk. */
    public long oldestKept() {
        return segments.firstKey();
    }
}
