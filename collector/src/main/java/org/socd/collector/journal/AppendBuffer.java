package org.socd.collector.journal;

import java.nio.ByteBuffer;

/**
 * One of the journal's two append buffers: the records' bytes as they will be written, where
 * some of them start ({@link RecordMarks}) and which positions they hold. The inputs fill it
 * under the journal's lock; the writer then takes it whole and has it to itself until its
 * records are written and fsynced, when it is cleared for the inputs again.
 */
final class AppendBuffer {

    /**
     * Direct: FileChannel.write copies a heap buffer into a temporary direct one first
     * (reallocated whenever a batch is larger than the last), an extra pass over every byte.
     */
    final ByteBuffer bytes;
    final RecordMarks marks;
    /** Position of the first record; meaningful while {@link #bytes} holds any. */
    long first;
    /** Position after the last record; set when the writer takes the buffer. */
    long end;

    AppendBuffer(int capacity) {
        this.bytes = ByteBuffer.allocateDirect(capacity);
        this.marks = new RecordMarks(capacity);
    }

    /** Encodes the record at {@code position} after the others, noting a mark when one is due; the caller checked it fits. */
    void append(long position, RecordFormat.EncodedMeta encoded, byte[] data, int offset, int length) {
        int at = bytes.position();
        if (at == 0) {
            first = position;
            marks.clear();
        }
        marks.appended(position, at);
        RecordFormat.write(bytes, position, encoded, data, offset, length);
    }
}
