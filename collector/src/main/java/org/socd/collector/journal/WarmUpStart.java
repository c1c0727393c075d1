package org.socd.collector.journal;

import java.io.IOException;
import java.time.Duration;

/**
 * Where to start reading the journal after a restart so that correlation windows hold again
 * what they held at the checkpoint: the first record received at most {@code span} before the
 * last record processed, found by binary search over receive times (they rise with the
 * position, up to the clock's steps). Bounded twice: by what retention has kept, and by
 * {@code maxRecords} before the checkpoint, so a huge window over a busy journal cannot turn
 * a restart into hours of re-reading.
 */
public final class WarmUpStart {

    private WarmUpStart() {
    }

    /** The start position, at most the checkpoint (the checkpoint itself when there is nothing to warm up). */
    public static long find(Journal journal, Duration span, long maxRecords) throws IOException {
        long checkpoint = journal.checkpoint();
        long low = Math.max(journal.oldestKept(), checkpoint - maxRecords);
        if (span.isZero() || span.isNegative() || low >= checkpoint) {
            return checkpoint;
        }
        Long last = receivedAt(journal, checkpoint - 1, checkpoint);
        if (last == null) {
            return checkpoint;
        }
        long target = last - span.toNanos();
        long high = checkpoint - 1; // the record before the checkpoint is inside the window
        while (low < high) {
            long mid = low + (high - low) / 2;
            Long at = receivedAt(journal, mid, checkpoint);
            if (at == null || at >= target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** Receive time of the first readable record at or after {@code position} and before {@code end}; null if none. */
    private static Long receivedAt(Journal journal, long position, long end) throws IOException {
        JournalRecord rec = new JournalRecord();
        try (JournalReader reader = journal.reader(position)) {
            if (reader.next(rec) && rec.position() < end) {
                return rec.meta().receivedNanos();
            }
            return null;
        }
    }
}
