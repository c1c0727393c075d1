package org.socd.collector.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Positions and byte offsets of every few KiB of one segment, so a reader finds a position
 * with a binary search and a short scan instead of reading the segment from the start.
 * Appended by the writer thread, searched by readers: synchronized, both are rare next to
 * record reads.
 */
final class SparseIndex {

    /**
     * Entries are at least this many bytes of records apart; the writer takes them from the
     * append buffer's {@link RecordMarks}, so at most {@code INTERVAL_BYTES + RecordMarks.SPACING}
     * and a record apart, a read from an entry scanning ~6 KiB at most for small records.
     */
    static final long INTERVAL_BYTES = 4096;

    private long[] positions = new long[64];
    private long[] offsets = new long[64];
    private int size;

    synchronized void add(long position, long offset) {
        if (size > 0 && (position <= positions[size - 1] || offset <= offsets[size - 1])) {
            return; // out of order means a rebuilt tail; the earlier entries stay valid
        }
        if (size == positions.length) {
            positions = Arrays.copyOf(positions, size * 2);
            offsets = Arrays.copyOf(offsets, size * 2);
        }
        positions[size] = position;
        offsets[size] = offset;
        size++;
    }

    synchronized long lastOffset() {
        return size == 0 ? -1 : offsets[size - 1];
    }

    /** Byte offset of the last indexed record at or before {@code position}; 0 when none. */
    synchronized long floorOffset(long position) {
        int i = Arrays.binarySearch(positions, 0, size, position);
        if (i >= 0) {
            return offsets[i];
        }
        int insertion = -i - 1;
        return insertion == 0 ? 0 : offsets[insertion - 1];
    }

    synchronized void save(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(size * 16);
        for (int i = 0; i < size; i++) {
            buf.putLong(positions[i]).putLong(offsets[i]);
        }
        buf.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        }
    }

    /**
     * Loads a saved index; null when it is missing or does not fit the segment (then the
     * caller rebuilds it by scanning, which is always possible: the index is only a shortcut).
     */
    static SparseIndex load(Path file, long base, long segmentBytes) {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length % 16 != 0) {
                return null;
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            SparseIndex index = new SparseIndex();
            while (buf.hasRemaining()) {
                long position = buf.getLong();
                long offset = buf.getLong();
                if (position < base || offset < 0 || offset >= segmentBytes
                        || (index.size > 0 && (position <= index.positions[index.size - 1]
                        || offset <= index.offsets[index.size - 1]))) {
                    return null;
                }
                index.add(position, offset);
            }
            return index;
        } catch (IOException e) {
            return null;
        }
    }
}
