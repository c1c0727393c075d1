package org.socd.collector.journal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the journal lays out, syncs and retains its files.
 *
 * @param dir                 directory of segments, indexes and the checkpoint
 * @param segmentBytes        a segment is closed and a new one started beyond this size
 * @param flushIntervalMillis group commit: appended records are written and fsynced at most this long after
 *                            they arrive (default 50)
 * @param flushBytes          ... or as soon as this many bytes are waiting (default 4 MiB: at full speed a
 *                            commit every ~30 ms rather than every ~8 ms at 1 MiB; each commit wakes the
 *                            writer and the feeder, which on a small machine take the detect stage's core,
 *                            while the interval still bounds how long an acknowledgement waits)
 * @param bufferBytes         appends wait in memory up to this much; beyond it they are refused (the input
 *                            pauses), so a slow disk slows senders instead of growing the heap
 * @param maxBytes            disk budget: retention deletes processed segments beyond it; when unprocessed
 *                            records alone fill it, appends are refused until the pipeline catches up
 * @param maxAge              processed segments older than this are deleted
 * @param minFreeBytes        appends are refused while the file system has less free space than this
 * @param directIo            write segments with O_DIRECT where the file system allows it (default): the
 *                            page cache's copy of every record costs CPU and the journal never reads it back
 */
public record JournalSettings(Path dir, long segmentBytes, long flushIntervalMillis, long flushBytes,
                              int bufferBytes, long maxBytes, Duration maxAge, long minFreeBytes, boolean directIo) {

    /** With direct I/O where the file system allows it. */
    public JournalSettings(Path dir, long segmentBytes, long flushIntervalMillis, long flushBytes,
                           int bufferBytes, long maxBytes, Duration maxAge, long minFreeBytes) {
        this(dir, segmentBytes, flushIntervalMillis, flushBytes, bufferBytes, maxBytes, maxAge, minFreeBytes, true);
    }

    public JournalSettings {
        if (segmentBytes < 64 * 1024) {
            throw new IllegalArgumentException("journal segment size must be at least 64 KiB, got " + segmentBytes);
        }
        if (flushIntervalMillis < 1) {
            throw new IllegalArgumentException("journal flush interval must be at least 1 ms, got " + flushIntervalMillis);
        }
        if (flushBytes < 1) {
            throw new IllegalArgumentException("journal flush bytes must be positive, got " + flushBytes);
        }
        if (bufferBytes < 256 * 1024) {
            throw new IllegalArgumentException("journal buffer must be at least 256 KiB, got " + bufferBytes);
        }
        if (maxBytes < segmentBytes * 2) {
            throw new IllegalArgumentException("journal max bytes (" + maxBytes
                    + ") must hold at least two segments (" + segmentBytes + " each)");
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("journal max age must be positive, got " + maxAge);
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("journal min free bytes must not be negative, got " + minFreeBytes);
        }
    }

    /** 64 MiB segments, fsync every 50 ms or 4 MiB, 8 MiB buffer, 10 GiB budget, 7 days, 100 MiB kept free. */
    public static JournalSettings defaults(Path dir) {
        return new JournalSettings(dir, 64L << 20, 50, 4L << 20, 8 << 20, 10L << 30, Duration.ofDays(7), 100L << 20);
    }
}
