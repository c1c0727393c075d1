package org.socd.collector.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Appends whole records to the end of the active segment file: the journal writer's only way
 * of putting bytes on disk. Two ways, chosen when a segment is opened:
 * {@link DirectAppender} bypasses the page cache (O_DIRECT), {@link PageCacheAppender} is the
 * ordinary write for file systems that refuse O_DIRECT.
 *
 * <p>Why bother: with ordinary writes, most of the writer thread's CPU went into copying each
 * batch into freshly allocated page-cache pages: 0.23-0.60 µs per syslog line in
 * {@code IngestBenchmark} on the 2-core development VM, against 0.11-0.15 µs with O_DIRECT
 * (docs/PERFORMANCE.md, fifth session), CPU taken from the pipeline on a small machine. The
 * journal never reads back through the cache what it just wrote (the feeder gets it from
 * memory), so the cache bought nothing.
 */
abstract sealed class SegmentAppender implements AutoCloseable permits DirectAppender, PageCacheAppender {

    final FileChannel channel;
    /** Bytes of whole records in the file: where the next append goes. */
    long size;

    SegmentAppender(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    /** Bytes of whole records in the file: where the next append goes. */
    final long size() {
        return size;
    }

    /**
     * Writes all of {@code records}' remaining bytes at {@link #size()} and advances it. On
     * failure the file is cut back to the old size (best effort: the next open's scan cuts
     * whatever is left) and {@link #size()} is unchanged, so the same bytes can be retried.
     */
    abstract void append(ByteBuffer records) throws IOException;

    /** fdatasync: every appended byte is on disk when this returns. */
    final void force() throws IOException {
        channel.force(false);
    }

    /** Cuts the file to {@link #size()} (dropping any alignment padding), syncs it and closes it. */
    @Override
    public final void close() throws IOException {
        try (channel) {
            channel.truncate(size);
            channel.force(true);
        }
    }

    /** After a failed write: no half record stays behind, or the next open's scan cuts it. */
    final void cutBack() {
        try {
            channel.truncate(size);
        } catch (IOException ignored) {
            // the next open's scan truncates it instead
        }
    }

    /**
     * Opens {@code file}, whose first {@code size} bytes are whole records, for appending
     * ({@code create}: a new, empty file): directly when {@code direct} and the file system
     * allows it, else through the page cache.
     */
    static SegmentAppender open(Path file, long size, boolean create, boolean direct) throws IOException {
        if (direct) {
            try {
                return DirectAppender.open(file, size, create);
            } catch (IOException | UnsupportedOperationException e) {
                DirectAppender.Fallback.log(file, e);
            }
        }
        return PageCacheAppender.open(file, size, create);
    }
}
