package org.socd.correlator.pipeline;

import java.util.List;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;
import org.socd.rules.RuleMatch;

/**
 * One pre-allocated ring slot, reused for every record that passes through it. Each stage
 * writes its own field and reads the earlier ones; the ring's sequences order those
 * accesses, so the fields need no synchronisation.
 */
final class RecordSlot {

    /**
     * Buffers above this size are dropped after use instead of kept: one 1 MiB record must
     * not pin a megabyte in this slot for the rest of the process, times every slot of the ring.
     */
    static final int RETAINED_BUFFER_LIMIT = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private byte[] buffer = EMPTY;
    private int length;
    private ReceiveMetadata meta;
    /** The record's journal position, or -1 when it did not come from a journal. */
    private long position = -1;
    private Event event;
    private List<RuleMatch> matches;

    /** The translator: copies the record into this slot, growing the buffer only when needed. */
    void fill(byte[] data, int offset, int length, ReceiveMetadata meta, long position) {
        this.position = position;
        // Cleared first so that a failed copy (out of memory) leaves an empty slot, not the
        // previous record's bytes under a new sequence.
        this.meta = null;
        this.length = 0;
        if (buffer.length < length) {
            int capacity = length <= 256 ? 256 : Integer.highestOneBit(length - 1) << 1;
            buffer = new byte[capacity < length ? length : capacity]; // the shift overflows near 2 GiB
        }
        System.arraycopy(data, offset, buffer, 0, length);
        this.length = length;
        this.meta = meta;
    }

    byte[] buffer() {
        return buffer;
    }

    int length() {
        return length;
    }

    long position() {
        return position;
    }

    ReceiveMetadata meta() {
        return meta;
    }

    Event event() {
        return event;
    }

    void event(Event event) {
        this.event = event;
    }

    List<RuleMatch> matches() {
        return matches;
    }

    void matches(List<RuleMatch> matches) {
        this.matches = matches;
    }

    /** Drops the references of a finished record so its event can be collected while the slot waits. */
    void clear() {
        event = null;
        matches = null;
        meta = null;
        length = 0;
        position = -1; // a claimed slot its producer never filled must not repeat an old position
        if (buffer.length > RETAINED_BUFFER_LIMIT) {
            buffer = EMPTY;
        }
    }
}
