package org.socd.collector.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * The on-disk form of one journal record: {@code int length, int crc32c, payload}, where the
 * CRC covers the payload and the payload is
 * {@code long position, long receivedNanos, int peerPort, byte inputLength, input, byte peerLength, peer, raw bytes}.
 *
 * <p>The position is inside the payload (and so under the CRC) so that a reader that lost its
 * place after a corrupt record can resynchronise on the next valid one and know where it is.
 * A peer length of 255 means "no peer address".
 */
final class RecordFormat {

    static final int HEADER_BYTES = 8;
    /** position, nanos, port, two length bytes. */
    static final int FIXED_PAYLOAD_BYTES = 8 + 8 + 4 + 1 + 1;
    /** Anything longer is not a record but garbage read as a length. */
    static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
    private static final int NO_PEER = 255;
    private static final int MAX_TEXT = 254;

    private RecordFormat() {
    }

    /** The metadata's strings as they are written, encoded once per record. */
    record EncodedMeta(ReceiveMetadata meta, byte[] input, byte[] peer) {
        static EncodedMeta of(ReceiveMetadata meta) {
            return new EncodedMeta(meta, text(meta.input()), text(meta.peerAddress()));
        }

        /**
         * Reuses {@code previous}'s bytes when the names are the very same strings: an input
         * passes the same instances for every record of a connection, so the common case
         * encodes (and allocates) nothing per record.
         */
        static EncodedMeta of(ReceiveMetadata meta, EncodedMeta previous) {
            if (previous != null && previous.meta.input() == meta.input()
                    && previous.meta.peerAddress() == meta.peerAddress()) {
                return new EncodedMeta(meta, previous.input, previous.peer);
            }
            return of(meta);
        }

        int payloadLength(int dataLength) {
            return FIXED_PAYLOAD_BYTES + input.length + peer.length + dataLength;
        }
    }

    /** Encodes one whole record (header and payload) at {@code dst}'s position. */
    static void write(ByteBuffer dst, long position, EncodedMeta encoded, byte[] data, int offset, int length) {
        ReceiveMetadata meta = encoded.meta();
        byte[] input = encoded.input();
        byte[] peer = encoded.peer();
        int payload = encoded.payloadLength(length);
        int start = dst.position();
        dst.putInt(payload);
        dst.putInt(0); // CRC, filled in below
        int payloadStart = dst.position();
        dst.putLong(position);
        dst.putLong(meta.receivedNanos());
        dst.putInt(meta.peerPort());
        dst.put((byte) input.length);
        dst.put(input);
        dst.put((byte) (meta.peerAddress() == null ? NO_PEER : peer.length));
        dst.put(peer);
        dst.put(data, offset, length);
        int end = dst.position();
        int limit = dst.limit();
        // Over dst itself, no slice: CRC32C.update(ByteBuffer) takes position..limit and moves
        // the position to the limit, where the record ends anyway.
        dst.position(payloadStart).limit(end);
        CRC32C crc = new CRC32C();
        crc.update(dst);
        dst.limit(limit);
        dst.putInt(start + 4, (int) crc.getValue());
    }

    static int crc(ByteBuffer buf, int from, int length) {
        CRC32C crc = new CRC32C();
        if (buf.hasArray()) {
            crc.update(buf.array(), buf.arrayOffset() + from, length); // no slice object per record
        } else {
            crc.update(buf.slice(from, length));
        }
        return (int) crc.getValue();
    }

    static boolean plausibleLength(int payload) {
        return payload >= FIXED_PAYLOAD_BYTES && payload <= MAX_PAYLOAD_BYTES;
    }

    /** The position field of a payload that starts at {@code payloadStart}. */
    static long position(ByteBuffer buf, int payloadStart) {
        return buf.getLong(payloadStart);
    }

    /** Decodes the metadata and points {@code into} at the raw bytes; the payload was CRC-checked. */
    static void decode(ByteBuffer buf, int payloadStart, int payloadLength, JournalRecord into) {
        ReceiveMetadata meta = meta(buf, payloadStart, into.inputNames, into.peerNames);
        int dataAt = dataOffset(buf, payloadStart);
        int dataLength = payloadStart + payloadLength - dataAt;
        if (dataLength < 0) {
            throw new IllegalArgumentException("record at position " + position(buf, payloadStart)
                    + " has field lengths beyond its payload");
        }
        into.set(position(buf, payloadStart), meta, buf, dataAt, dataLength);
    }

    /**
     * The receive metadata of the payload at {@code payloadStart}; names repeat, so they are
     * reused. (The feeder does not call this for a record whose metadata bytes equal the
     * previous record's: it keeps the previous object.)
     */
    static ReceiveMetadata meta(ByteBuffer buf, int payloadStart, LastString inputNames, LastString peerNames) {
        int p = metaOffset(payloadStart);
        long nanos = buf.getLong(p);
        int port = buf.getInt(p + 8);
        int inputLength = buf.get(p + 12) & 0xff;
        String input = inputNames.get(buf, p + 13, inputLength);
        int peerAt = p + 13 + inputLength;
        int peerLength = buf.get(peerAt) & 0xff;
        String peer = peerLength == NO_PEER ? null : peerNames.get(buf, peerAt + 1, peerLength);
        return new ReceiveMetadata(input, peer, port, nanos);
    }

    /** Where the receive metadata of the payload at {@code payloadStart} begins; it ends at {@link #dataOffset}. */
    static int metaOffset(int payloadStart) {
        return payloadStart + 8;
    }

    /** Where the raw bytes of the payload at {@code payloadStart} begin; they run to the payload's end. */
    static int dataOffset(ByteBuffer buf, int payloadStart) {
        int m = metaOffset(payloadStart);
        int peerAt = m + 13 + (buf.get(m + 12) & 0xff); // as in meta(): nanos, port, input length, input
        int peerLength = buf.get(peerAt) & 0xff;
        return peerAt + 1 + (peerLength == NO_PEER ? 0 : peerLength);
    }

    /**
     * Decodes short strings that repeat from record to record (input names, peer addresses)
     * and reuses the last one when the bytes are the same, so that reading back a stream from
     * one sender allocates no strings for them.
     */
    static final class LastString {
        private byte[] bytes = new byte[0];
        private String string = "";

        String get(ByteBuffer buf, int at, int length) {
            if (!same(buf, at, length)) {
                byte[] b = new byte[length];
                buf.get(at, b);
                bytes = b;
                string = new String(b, StandardCharsets.UTF_8);
            }
            return string;
        }

        private boolean same(ByteBuffer buf, int at, int length) {
            if (length != bytes.length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (buf.get(at + i) != bytes[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Input names and addresses are short; a longer one is cut so its length fits one byte. */
    private static byte[] text(String s) {
        if (s == null) {
            return new byte[0];
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length <= MAX_TEXT ? b : java.util.Arrays.copyOf(b, MAX_TEXT);
    }
}
