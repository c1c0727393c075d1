package org.socd.collector.relp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.socd.collector.journal.Journal;
import org.socd.collector.journal.JournalReader;
import org.socd.collector.journal.JournalRecord;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * Recognises RELP retransmissions: a sender whose connection broke resends every message it
 * had no answer for, including ones the journal already holds. Per sender address, this
 * remembers a digest of each of its last {@link #PER_SENDER} messages and the journal position
 * it went to; a message seen again is answered from that position instead of being appended
 * twice.
 *
 * <p>The price: a sender that sends the very same bytes twice within its last
 * {@value #PER_SENDER} messages gets the second one answered without journaling it. Syslog
 * messages carry a timestamp and usually a sequence or content that differs, and a RELP
 * sender's retransmission window (rsyslog: 128) is far smaller than the memory here.
 */
final class RelpDedup {

    static final int PER_SENDER = 4096;
    private static final int MAX_SENDERS = 4096;

    private record Digest(long a, long b) {
    }

    private final Map<String, LinkedHashMap<Digest, Long>> senders = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LinkedHashMap<Digest, Long>> eldest) {
            return size() > MAX_SENDERS;
        }
    };
    private final MessageDigest sha256;

    RelpDedup() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    /**
     * Appends the message unless this sender's recent messages include it.
     *
     * @return the journal position holding the message (new or earlier), or -1 when the
     *         journal refused it now; {@code duplicate[0]} says which
     */
    synchronized long appendOnce(Journal journal, byte[] data, int offset, int length, ReceiveMetadata meta,
                                 boolean[] duplicate) {
        Digest d = digest(data, offset, length);
        LinkedHashMap<Digest, Long> recent = recent(meta.peerAddress());
        Long earlier = recent.get(d);
        if (earlier != null && earlier >= journal.oldestKept()) {
            duplicate[0] = true;
            return earlier;
        }
        duplicate[0] = false;
        long position = journal.tryAppend(data, offset, length, meta);
        if (position >= 0) {
            recent.put(d, position);
        }
        return position;
    }

    /** Remembers the RELP messages among the journal's last {@code records}, so a restart still recognises them. */
    void prime(Journal journal, String input, long records) throws IOException {
        long from = Math.max(0, journal.durableEnd() - records);
        JournalRecord rec = new JournalRecord();
        try (JournalReader reader = journal.reader(from)) {
            while (reader.next(rec)) {
                if (input.equals(rec.meta().input())) {
                    synchronized (this) {
                        recent(rec.meta().peerAddress()).put(digest(rec.data(), 0, rec.length()), rec.position());
                    }
                }
            }
        }
    }

    private LinkedHashMap<Digest, Long> recent(String sender) {
        return senders.computeIfAbsent(sender == null ? "" : sender, s -> new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Digest, Long> eldest) {
                return size() > PER_SENDER;
            }
        });
    }

    private Digest digest(byte[] data, int offset, int length) {
        sha256.reset();
        sha256.update(data, offset, length);
        ByteBuffer b = ByteBuffer.wrap(sha256.digest());
        return new Digest(b.getLong(), b.getLong());
    }
}
