package org.socd.collector.journal;

import java.nio.ByteBuffer;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * One record read back from the journal. A reader reuses one instance: the raw bytes are only
 * valid until its next call, so copy what you keep.
 */
public final class JournalRecord {

    private long position;
    private ReceiveMetadata meta;
    private byte[] data = new byte[256];
    private int length;
    final RecordFormat.LastString inputNames = new RecordFormat.LastString();
    final RecordFormat.LastString peerNames = new RecordFormat.LastString();

    void set(long position, ReceiveMetadata meta, ByteBuffer buf, int dataAt, int dataLength) {
        this.position = position;
        this.meta = meta;
        if (data.length < dataLength) {
            data = new byte[Math.max(dataLength, data.length * 2)];
        }
        buf.get(dataAt, data, 0, dataLength);
        this.length = dataLength;
    }

    /** The record's journal position: its sequence number, dense and increasing. */
    public long position() {
        return position;
    }

    public ReceiveMetadata meta() {
        return meta;
    }

    /** The raw bytes are {@code data()[0 .. length())}. */
    public byte[] data() {
        return data;
    }

    public int length() {
        return length;
    }
}
