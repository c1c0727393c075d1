package org.socd.collector.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads records out of one segment file through a window buffer, checking each CRC. One job:
 * say what is at a byte offset (a record, nothing yet, or garbage) and find the next valid
 * record after garbage.
 */
final class SegmentFile implements AutoCloseable {

    /** {@link #readAt}: fewer bytes than a whole record before the limit. */
    static final int INCOMPLETE = 0;
    /** {@link #readAt}: the bytes there are not a valid record. */
    static final int CORRUPT = -1;

    /** Large for readers that stream through segments: one read syscall serves a thousand records. */
    static final int STREAM_WINDOW_BYTES = 256 * 1024;
    /** Small for readers that peek at one record (status, lag): it grows if a record is bigger. */
    static final int PEEK_WINDOW_BYTES = 8 * 1024;

    private final Path path;
    private final FileChannel channel;
    private ByteBuffer window;
    private long windowStart;
    private int windowLength;

    SegmentFile(Path path) throws IOException {
        this(path, STREAM_WINDOW_BYTES);
    }

    SegmentFile(Path path, int windowBytes) throws IOException {
        this.path = path;
        this.window = ByteBuffer.allocate(windowBytes);
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
    }

    Path path() {
        return path;
    }

    long size() throws IOException {
        return channel.size();
    }

    /**
     * Reads the record at {@code offset} into {@code into} if one ends at or before {@code limit}.
     *
     * @return the record's size in bytes, {@link #INCOMPLETE} or {@link #CORRUPT}
     */
    int readAt(long offset, long limit, JournalRecord into) throws IOException {
        if (offset + RecordFormat.HEADER_BYTES > limit || !ensure(offset, RecordFormat.HEADER_BYTES)) {
            return INCOMPLETE;
        }
        int rel = (int) (offset - windowStart);
        int payload = window.getInt(rel);
        int crc = window.getInt(rel + 4);
        if (!RecordFormat.plausibleLength(payload)) {
            return CORRUPT;
        }
        int total = RecordFormat.HEADER_BYTES + payload;
        if (offset + total > limit || !ensure(offset, total)) {
            return INCOMPLETE;
        }
        rel = (int) (offset - windowStart);
        if (RecordFormat.crc(window, rel + RecordFormat.HEADER_BYTES, payload) != crc) {
            return CORRUPT;
        }
        try {
            RecordFormat.decode(window, rel + RecordFormat.HEADER_BYTES, payload, into);
        } catch (RuntimeException e) {
            return CORRUPT; // a CRC collision on garbage; rare, but never a reason to stop
        }
        return total;
    }

    /**
     * The offset of the first valid record after {@code from} whose position is at least
     * {@code minPosition}, or -1 when there is none before {@code limit}. Byte by byte: only
     * ever run after corruption, where correctness beats speed.
     */
    long resync(long from, long limit, long minPosition, JournalRecord scratch) throws IOException {
        for (long o = from; o + RecordFormat.HEADER_BYTES + RecordFormat.FIXED_PAYLOAD_BYTES <= limit; o++) {
            if (readAt(o, limit, scratch) > 0 && scratch.position() >= minPosition) {
                return o;
            }
        }
        return -1;
    }

    /**
     * True when {@code [offset, limit)} is a short run of zero bytes: the padding that
     * {@link DirectAppender} leaves after the last record until the segment is closed.
     */
    boolean isPadding(long offset, long limit) throws IOException {
        if (limit - offset >= DirectAppender.MAX_BLOCK || !ensure(offset, (int) (limit - offset))) {
            return false;
        }
        int rel = (int) (offset - windowStart);
        for (int i = 0; i < limit - offset; i++) {
            if (window.get(rel + i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Makes {@code [offset, offset + n)} available in the window; false at end of file. */
    private boolean ensure(long offset, int n) throws IOException {
        if (offset >= windowStart && offset + n <= windowStart + windowLength) {
            return true;
        }
        if (window.capacity() < n) {
            window = ByteBuffer.allocate(Math.max(n, window.capacity() * 2));
        }
        window.clear();
        windowStart = offset;
        int read = 0;
        while (window.hasRemaining()) {
            int r = channel.read(window, offset + read);
            if (r < 0) {
                break;
            }
            read += r;
        }
        windowLength = read;
        return n <= read;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
