package org.socd.collector.journal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Batches that the journal's writer has just made durable, kept in memory for the feeder so
 * that it need not read back from disk what was written a moment ago (a read syscall, a CRC
 * check and a copy per record, on a machine whose cores the pipeline needs).
 *
 * <p>Only ever a shortcut: the records are on disk too, and a batch that does not fit is simply
 * not handed over; the feeder then reads those positions from disk, as it does at start for the
 * replay. A circular byte array so that nothing is allocated per batch; one producer (the
 * writer), one consumer (the feeder).
 */
final class HandOff {

    /**
     * Records {@code [first, end)}, whole and back to back at {@code bytes[offset .. offset + length)}.
     * {@code releaseMark} is the producer's byte count once this batch's space is given back.
     */
    record Batch(long first, long end, int offset, int length, long releaseMark) {
    }

    private final byte[] bytes;
    private final ByteBuffer view;
    private final ArrayDeque<Batch> queue = new ArrayDeque<>();
    /** Bytes ever reserved, padding included; writer thread only. */
    private long produced;
    /** Bytes ever given back by the consumer. Guarded by {@code this}. */
    private long consumed;

    HandOff(int capacity) {
        this.bytes = new byte[capacity];
        this.view = ByteBuffer.wrap(bytes);
    }

    /**
     * Copies {@code src[from .. to)}, the whole records {@code [first, end)}, for the consumer.
     *
     * @return false when they do not fit: the consumer then reads them from disk
     */
    boolean offer(ByteBuffer src, int from, int to, long first, long end) {
        int length = to - from;
        if (length <= 0 || length > bytes.length) {
            return false;
        }
        long start = produced;
        int at = (int) (start % bytes.length);
        if (at + length > bytes.length) {
            start += bytes.length - at; // a batch never wraps: pad to the end, start again at 0
            at = 0;
        }
        synchronized (this) {
            if (consumed == produced) {
                consumed = start; // nothing pending: the padding costs nothing
            }
            if (start + length - consumed > bytes.length) {
                return false;
            }
        }
        // Outside the lock: this range is free, and the consumer sees it only via the queue.
        src.get(from, bytes, at, length);
        produced = start + length;
        synchronized (this) {
            queue.add(new Batch(first, end, at, length, produced));
        }
        return true;
    }

    /** The oldest batch not yet released, or null. */
    synchronized Batch peek() {
        return queue.peek();
    }

    /** Gives back the space of {@code batch}, the one {@link #peek()} returned. */
    synchronized void release(Batch batch) {
        if (queue.peek() != batch) {
            throw new IllegalStateException("hand-off batches are released in order");
        }
        queue.poll();
        consumed = batch.releaseMark();
    }

    /** The records' bytes; read only within a batch that {@link #peek()} returned. */
    ByteBuffer buffer() {
        return view;
    }
}
