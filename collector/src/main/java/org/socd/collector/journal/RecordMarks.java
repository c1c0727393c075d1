package org.socd.collector.journal;

import java.util.Arrays;

/**
 * Where some records of one append buffer start (one every {@value #SPACING} bytes or so) with
 * their positions: noted by the inputs as they append, read by the writer.
 *
 * <p>Why: to index a batch and to find where a full segment ends, the writer used to walk the
 * batch record by record. Each step read a length the input thread had just written on another
 * core, and needed it to find the next: a chain of cache misses that was a third of the
 * writer's CPU. The input has each record in hand when it appends, so noting a mark costs it a
 * comparison; the writer then walks at most the few records after a mark.
 *
 * <p>Used under the journal's lock while its buffer is being filled, then by the writer thread
 * alone until the buffer is handed back; not thread-safe by itself.
 */
final class RecordMarks {

    /** A mark at the first record starting at least this many bytes after the previous mark. */
    static final int SPACING = (int) (SparseIndex.INTERVAL_BYTES / 2);

    private final long[] positions;
    private final int[] offsets;
    private int size;

    /** Marks for a buffer of {@code bufferBytes}: never more than one per {@value #SPACING} bytes, plus the first. */
    RecordMarks(int bufferBytes) {
        int capacity = bufferBytes / SPACING + 2;
        this.positions = new long[capacity];
        this.offsets = new int[capacity];
    }

    /** Forgets every mark: the buffer is empty again. */
    void clear() {
        size = 0;
    }

    /** Notes that the record at {@code position} starts at byte {@code offset}; offsets rise call by call. */
    void appended(long position, int offset) {
        if (size > 0 && offset - offsets[size - 1] < SPACING) {
            return;
        }
        positions[size] = position;
        offsets[size] = offset;
        size++;
    }

    int size() {
        return size;
    }

    long position(int i) {
        return positions[i];
    }

    int offset(int i) {
        return offsets[i];
    }

    /** The last mark starting at or before {@code offset}, or -1 when none does. */
    int floor(int offset) {
        int i = Arrays.binarySearch(offsets, 0, size, offset);
        return i >= 0 ? i : -i - 2;
    }
}
