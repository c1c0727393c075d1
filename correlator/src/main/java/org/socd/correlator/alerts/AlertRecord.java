package org.socd.correlator.alerts;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;
import org.socd.rules.Level;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything a search shows of an alert as one binary value, the only stored field of an
 * alert's document. One value instead of a stored field per attribute: Lucene's indexing
 * chain pays per field (a lookup, a header, a check), and all of them are read together anyway.
 * Lucene compresses the stored fields (LZ4, its default BEST_SPEED mode).
 *
 * <p>Layout (version 1): version byte, sequence number, id, rule id, rule title, level, status,
 * host, user, source address, assignee, resolution, tags, event time and detection time (epoch
 * seconds and nanoseconds, so any instant comes back exactly), notes and history as JSON, and
 * the rest of the value is the triggering event as JSON. Strings are Lucene's (a length, then
 * UTF-8); a string that may be absent has a presence byte before it.
 */
final class AlertRecord {

    private static final byte VERSION = 1;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> EVENT_TYPE = new TypeReference<>() {
    };
    private static final TypeReference<List<Note>> NOTES_TYPE = new TypeReference<>() {
    };
    private static final TypeReference<List<HistoryEntry>> HISTORY_TYPE = new TypeReference<>() {
    };

    /** A growable buffer, reused from one alert to the next by the thread that owns it. */
    static final class Buffer extends DataOutput {
        private byte[] bytes = new byte[2048];
        private int length;
        private final OutputStream stream = new OutputStream() {
            @Override
            public void write(int b) {
                writeByte((byte) b);
            }

            @Override
            public void write(byte[] b, int offset, int len) {
                writeBytes(b, offset, len);
            }
        };

        @Override
        public void writeByte(byte b) {
            if (length == bytes.length) {
                bytes = ArrayUtil.grow(bytes, length + 1);
            }
            bytes[length++] = b;
        }

        @Override
        public void writeBytes(byte[] b, int offset, int len) {
            if (length + len > bytes.length) {
                bytes = ArrayUtil.grow(bytes, length + len);
            }
            System.arraycopy(b, offset, bytes, length, len);
            length += len;
        }

        /** The bytes written since the last {@link #reset}; valid until the next write. */
        BytesRef bytes() {
            return new BytesRef(bytes, 0, length);
        }

        void reset() {
            length = 0;
        }
    }

    private AlertRecord() {
    }

    /** Writes {@code stored} with its sequence number into {@code out}. */
    static void write(StoredAlert stored, long seq, Buffer out) {
        Alert alert = stored.alert();
        try {
            out.writeByte(VERSION);
            out.writeVLong(seq);
            out.writeString(alert.id());
            out.writeString(alert.ruleId());
            out.writeString(alert.ruleTitle());
            out.writeString(alert.level().sigmaName());
            out.writeString(alert.status().jsonName());
            writeOptional(out, alert.host());
            writeOptional(out, alert.user());
            writeOptional(out, alert.srcIp());
            writeOptional(out, stored.assignee());
            writeOptional(out, stored.resolution());
            out.writeVInt(alert.tags().size());
            for (String tag : alert.tags()) {
                out.writeString(tag);
            }
            writeInstant(out, alert.timestamp());
            writeInstant(out, alert.detectedAt());
            writeOptional(out, stored.notes().isEmpty() ? null : JSON.writeValueAsString(stored.notes()));
            writeOptional(out, stored.history().isEmpty() ? null : JSON.writeValueAsString(stored.history()));
            // Last, so it needs no length: Jackson writes straight into the buffer.
            JSON.writeValue(out.stream, alert.event());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode alert " + alert.id(), e); // a memory buffer: not expected
        }
    }

    /** The alert in a record written by {@link #write}. */
    static StoredAlert read(BytesRef record) {
        Reader in = new Reader(record);
        String id = in.string();
        String ruleId = in.string();
        String ruleTitle = in.string();
        Level level = Level.parse(in.string());
        AlertStatus status = AlertStatus.parse(in.string());
        String host = in.optional();
        String user = in.optional();
        String srcIp = in.optional();
        String assignee = in.optional();
        String resolution = in.optional();
        int tagCount = in.count();
        List<String> tags = new ArrayList<>(tagCount);
        for (int i = 0; i < tagCount; i++) {
            tags.add(in.string());
        }
        Instant timestamp = in.instant();
        Instant detectedAt = in.instant();
        String notes = in.optional();
        String history = in.optional();
        int eventStart = in.position();
        Map<String, Object> event = JSON.readValue(record.bytes, eventStart, record.offset + record.length - eventStart,
                EVENT_TYPE);
        Alert alert = new Alert(id, ruleId, ruleTitle, level, tags, status, host, user, srcIp, timestamp, detectedAt,
                event);
        return new StoredAlert(alert, assignee, resolution,
                notes == null ? List.of() : JSON.readValue(notes, NOTES_TYPE),
                history == null ? List.of() : JSON.readValue(history, HISTORY_TYPE));
    }

    /** The sequence number in a record, without decoding the rest. */
    static long seq(BytesRef record) {
        return new Reader(record).seq;
    }

    /** The alert id in a record, without decoding the rest. */
    static String id(BytesRef record) {
        return new Reader(record).string();
    }

    /** The rule title in a record, without decoding the rest. */
    static String ruleTitle(BytesRef record) {
        Reader in = new Reader(record);
        in.string(); // id
        in.string(); // rule id
        return in.string();
    }

    private static void writeOptional(DataOutput out, String value) throws IOException {
        if (value == null) {
            out.writeByte((byte) 0);
        } else {
            out.writeByte((byte) 1);
            out.writeString(value);
        }
    }

    private static void writeInstant(DataOutput out, Instant instant) throws IOException {
        out.writeZLong(instant.getEpochSecond());
        out.writeVInt(instant.getNano());
    }

    /** Reads a record after checking its version and reading the sequence number. */
    private static final class Reader {
        private final ByteArrayDataInput in;
        final long seq;

        Reader(BytesRef record) {
            in = new ByteArrayDataInput(record.bytes, record.offset, record.length);
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("alert record of unknown version " + version
                        + "; was the index written by a newer socd?");
            }
            seq = in.readVLong();
        }

        String string() {
            try {
                return in.readString();
            } catch (IOException e) {
                throw new UncheckedIOException("corrupt alert record", e); // a memory buffer: only if corrupt
            }
        }

        String optional() {
            return in.readByte() == 0 ? null : string();
        }

        int count() {
            return in.readVInt();
        }

        Instant instant() {
            try {
                long seconds = in.readZLong();
                return Instant.ofEpochSecond(seconds, in.readVInt());
            } catch (IOException e) {
                throw new UncheckedIOException("corrupt alert record", e);
            }
        }

        int position() {
            return in.getPosition();
        }
    }
}
