package org.socd.protocol.event;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The top-level fields of one {@link Event}: a map from name to value in insertion order, kept
 * in two parallel arrays with a small open-addressing index over them.
 *
 * <p>Why not {@code LinkedHashMap}: every event of the pipeline builds one map of 10 to 20
 * fields, and a linked hash map allocates a node per field plus a table, which made building
 * the map one of the largest costs of parsing a syslog line. Here a field costs two array
 * slots and an index entry. Field names are mostly constants whose hash codes are cached, so
 * a lookup is one hash, one probe and usually an identity comparison.
 *
 * <p>Removal is rare (a decoder replacing a field by null) and rebuilds the index. Not
 * thread-safe, like the event while it is built; null keys and values are refused, since the
 * event treats an absent field and a null one as the same thing.
 */
final class FieldMap extends AbstractMap<String, Object> {

    private static final int INITIAL_CAPACITY = 16;

    private String[] keys;
    private Object[] values;
    private int size;
    /** Slot -> index into keys/values plus one; 0 is an empty slot. Length a power of two, at least twice the capacity. */
    private int[] index;

    FieldMap() {
        this(INITIAL_CAPACITY);
    }

    FieldMap(int expected) {
        int capacity = Math.max(4, expected);
        keys = new String[capacity];
        values = new Object[capacity];
        index = new int[tableSizeFor(capacity)];
    }

    private static int tableSizeFor(int capacity) {
        return Integer.highestOneBit(capacity * 2 - 1) << 1;
    }

    /** The slot of {@code key} in the index, or the empty slot where it would go. */
    private int slot(Object key, int hash) {
        int mask = index.length - 1;
        int s = hash & mask;
        while (true) {
            int e = index[s];
            if (e == 0) {
                return s;
            }
            String k = keys[e - 1];
            if (k == key || k.equals(key)) {
                return s;
            }
            s = (s + 1) & mask;
        }
    }

    private static int hash(Object key) {
        int h = key.hashCode();
        return h ^ (h >>> 16);
    }

    @Override
    public Object get(Object key) {
        if (key == null) {
            return null;
        }
        int e = index[slot(key, hash(key))];
        return e == 0 ? null : values[e - 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Object put(String key, Object value) {
        Objects.requireNonNull(key, "field name");
        Objects.requireNonNull(value, "field value");
        int h = hash(key);
        int s = slot(key, h);
        int e = index[s];
        if (e != 0) {
            Object old = values[e - 1];
            values[e - 1] = value;
            return old;
        }
        if (size == keys.length) {
            grow();
            s = slot(key, h);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        index[s] = size;
        return null;
    }

    @Override
    public Object remove(Object key) {
        if (key == null) {
            return null;
        }
        int e = index[slot(key, hash(key))];
        if (e == 0) {
            return null;
        }
        int at = e - 1;
        Object old = values[at];
        System.arraycopy(keys, at + 1, keys, at, size - at - 1);
        System.arraycopy(values, at + 1, values, at, size - at - 1);
        size--;
        keys[size] = null;
        values[size] = null;
        reindex();
        return old;
    }

    @Override
    public void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        Arrays.fill(index, 0);
        size = 0;
    }

    private void grow() {
        int capacity = keys.length * 2;
        keys = Arrays.copyOf(keys, capacity);
        values = Arrays.copyOf(values, capacity);
        index = new int[tableSizeFor(capacity)];
        reindex();
    }

    private void reindex() {
        Arrays.fill(index, 0);
        for (int i = 0; i < size; i++) {
            index[slot(keys[i], hash(keys[i]))] = i + 1;
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private int last = -1;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        return new SimpleImmutableEntry<>(keys[last], values[last]);
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        FieldMap.this.remove(keys[last]);
                        next = last;
                        last = -1;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], values[i]);
        }
    }
}
