package org.socd.collector.journal;

import java.io.IOException;

/**
 * Reads durable records in position order, across segments, skipping (and reporting) corrupt
 * ones. Only records below {@link Journal#durableEnd()} are returned, so nothing is processed
 * that a power loss could still take back. One thread per reader.
 */
public final class JournalReader implements AutoCloseable {

    private final Journal journal;
    private final JournalRecord scratch = new JournalRecord();
    private Segment segment;
    private SegmentFile file;
    private long offset;
    private long next;
    /** False for readers that only peek (status, lag): the feeder already reports damage once. */
    private final boolean report;

    JournalReader(Journal journal, long position, boolean report) {
        this.journal = journal;
        this.next = position;
        this.report = report;
    }

    /** The position the next record is expected at. */
    public long nextPosition() {
        return next;
    }

    /**
     * Moves on to {@code position} when it is ahead of {@link #nextPosition()}: the records
     * before it were taken from memory instead. The segment is looked up again through its index.
     */
    void skipTo(long position) {
        if (position > next) {
            next = position;
            segment = null;
        }
    }

    /** Reads the next durable record into {@code into}; false when there is none yet. */
    public boolean next(JournalRecord into) throws IOException {
        while (next < journal.durableEnd()) {
            if (segment == null || segment.deleted) {
                open(journal.segmentFor(next));
                next = Math.max(next, segment.base);
                offset = segment.index.floorOffset(next);
            }
            if (segment.closed && next >= segment.end) {
                Segment after = journal.segmentAfter(segment);
                if (after == null) {
                    return false;
                }
                open(after);
                offset = 0;
                continue;
            }
            long limit = segment.bytes;
            int n = file.readAt(offset, limit, into);
            if (n > 0 && into.position() >= next) {
                offset += n;
                next = into.position() + 1;
                return true;
            }
            if (n > 0) {
                offset += n; // before the position we were asked to start at
                continue;
            }
            if (n == SegmentFile.INCOMPLETE && offset >= limit) {
                if (!segment.closed) {
                    return false; // the writer has not got this far in the file; durableEnd says it will
                }
                next = Math.max(next, segment.end);
                continue;
            }
            long found = file.resync(offset + 1, limit, next, scratch);
            if (found < 0) {
                if (report) {
                    journal.metrics().reportCorrupt(segment.log, offset, limit - offset, -1);
                }
                if (!segment.closed) {
                    offset = limit;
                    return false;
                }
                next = Math.max(next, segment.end);
                continue;
            }
            if (report) {
                journal.metrics().reportCorrupt(segment.log, offset, found - offset, scratch.position() - next);
            }
            offset = found;
        }
        return false;
    }

    private void open(Segment s) throws IOException {
        closeFile();
        segment = s;
        file = new SegmentFile(s.log, report ? SegmentFile.STREAM_WINDOW_BYTES : SegmentFile.PEEK_WINDOW_BYTES);
    }

    private void closeFile() throws IOException {
        if (file != null) {
            file.close();
            file = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeFile();
    }
}
