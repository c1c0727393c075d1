package org.socd.correlator.alerts;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.util.BytesRef;

/**
 * A Bloom filter over alert ids: "certainly not in the index" or "perhaps". The store writes an
 * alert whose id is certainly new with a plain add, which is much cheaper for Lucene than an
 * update (no delete term to buffer and apply to every segment); everything else (journal
 * replays, false positives, about 1 in 100) is an update as before, so a rewrite never
 * duplicates an alert.
 *
 * <p>About 10 bits per id. Adding is safe from two threads at once (the pipeline and the
 * thread that fills a new filter from the index); asking while another thread adds can only
 * err on the side of "perhaps" for the id being added, never the other way.
 */
final class IdFilter {

    private static final int HASHES = 7;
    private static final int BITS_PER_ID = 10;
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] words;
    private final long bits;
    private final long capacity;
    private final AtomicLong added = new AtomicLong();

    /** A filter for about {@code capacity} ids at a 1% false-positive rate. */
    IdFilter(long capacity) {
        this.capacity = Math.max(1024, capacity);
        // At most 2^32 bits, so that index() can scale 32 hash bits without overflow.
        long wordCount = Math.min(1L << 26, (this.capacity * BITS_PER_ID + 63) / 64);
        this.words = new long[(int) wordCount];
        this.bits = wordCount * 64;
    }

    void add(BytesRef id) {
        long h = hash(id);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = index(h1 + i * h2);
            WORDS.getAndBitwiseOr(words, (int) (bit >>> 6), 1L << bit);
        }
        added.incrementAndGet();
    }

    boolean mightContain(BytesRef id) {
        long h = hash(id);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = index(h1 + i * h2);
            if (((long) WORDS.getVolatile(words, (int) (bit >>> 6)) & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** True once more ids went in than it was sized for: time for a bigger one. */
    boolean full() {
        return added.get() > capacity;
    }

    long added() {
        return added.get();
    }

    /** A position in [0, bits) from 32 hash bits, without the bias of a modulo. */
    private long index(int hash) {
        return ((hash & 0xFFFF_FFFFL) * bits) >>> 32;
    }

    /** 64 well-mixed bits (FNV-1a over the bytes, then the MurmurHash3 finaliser). */
    private static long hash(BytesRef id) {
        long h = 0xcbf29ce484222325L;
        for (int i = id.offset; i < id.offset + id.length; i++) {
            h = (h ^ (id.bytes[i] & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
