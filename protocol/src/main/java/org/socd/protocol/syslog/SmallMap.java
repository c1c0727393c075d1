package org.socd.protocol.syslog;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An insertion-ordered map over two arrays, for the few entries of STRUCTURED-DATA (a handful of
 * SD-ELEMENTs, each with a handful of PARAMs). A {@code LinkedHashMap} spends an entry object and a
 * hash table on each; this spends two array slots, and its lookups compare a few keys, which costs
 * less than hashing at these sizes.
 *
 * <p>Filled by the parser with {@link #put} while one thread owns it, then only read (through the
 * event, as a plain {@link Map}); {@link #entrySet()} is read-only, so readers cannot change it.
 */
final class SmallMap<V> extends AbstractMap<String, V> {

    private String[] keys;
    private Object[] values;
    private int size;

    SmallMap(int capacity) {
        keys = new String[capacity];
        values = new Object[capacity];
    }

    /** Sets {@code key} to {@code value}, replacing an earlier value of the same key. */
    @Override
    public V put(String key, V value) {
        int i = indexOf(key);
        if (i >= 0) {
            @SuppressWarnings("unchecked")
            V old = (V) values[i];
            values[i] = value;
            return old;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2 + 1);
            values = Arrays.copyOf(values, size * 2 + 1);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : (V) values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Map.Entry<String, V> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(keys[i], (V) values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
