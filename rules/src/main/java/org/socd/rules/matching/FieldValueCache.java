package org.socd.rules.matching;

import java.util.Arrays;
import java.util.List;

/**
 * The string values of the fields one evaluation has read, exact and lower-cased, by field name.
 *
 * <p>Why not two {@code HashMap}s: an evaluation of a syslog line reads a handful of fields, and
 * allocating two hash maps with their tables and a node per entry, per event, was the largest
 * cost of detecting on such lines. Field names come from compiled rules and the logsource
 * mapping, so they are few distinct constants whose hash codes are cached: a lookup is one
 * probe and usually an identity comparison. Open addressing over arrays that grow on demand;
 * nothing is allocated until the first field is cached.
 */
final class FieldValueCache {

    private static final int INITIAL_SLOTS = 16;

    private String[] names;
    private List<String>[] exact;
    private List<String>[] folded;
    private int size;

    /** The cached exact values of {@code name}, or null. */
    List<String> exact(String name) {
        int slot = find(name);
        return slot < 0 ? null : exact[slot];
    }

    /** The cached lower-cased values of {@code name}, or null. */
    List<String> folded(String name) {
        int slot = find(name);
        return slot < 0 ? null : folded[slot];
    }

    void putExact(String name, List<String> values) {
        int slot = slotFor(name); // first: it may allocate or grow the arrays
        exact[slot] = values;
    }

    void putFolded(String name, List<String> values) {
        int slot = slotFor(name);
        folded[slot] = values;
    }

    /** Forgets everything (the names now read other fields); keeps the arrays. */
    void clear() {
        if (names != null && size > 0) {
            Arrays.fill(names, null);
            Arrays.fill(exact, null);
            Arrays.fill(folded, null);
            size = 0;
        }
    }

    private int find(String name) {
        if (names == null) {
            return -1;
        }
        int mask = names.length - 1;
        for (int s = spread(name) & mask; ; s = (s + 1) & mask) {
            String k = names[s];
            if (k == null) {
                return -1;
            }
            if (k == name || k.equals(name)) {
                return s;
            }
        }
    }

    /** The slot of {@code name}, claiming an empty one (and growing) if it has none yet. */
    @SuppressWarnings("unchecked")
    private int slotFor(String name) {
        if (names == null) {
            names = new String[INITIAL_SLOTS];
            exact = new List[INITIAL_SLOTS];
            folded = new List[INITIAL_SLOTS];
        }
        int found = find(name);
        if (found >= 0) {
            return found;
        }
        if ((size + 1) * 2 > names.length) {
            grow();
        }
        int mask = names.length - 1;
        int s = spread(name) & mask;
        while (names[s] != null) {
            s = (s + 1) & mask;
        }
        names[s] = name;
        size++;
        return s;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        String[] oldNames = names;
        List<String>[] oldExact = exact;
        List<String>[] oldFolded = folded;
        int length = oldNames.length * 2;
        names = new String[length];
        exact = new List[length];
        folded = new List[length];
        int mask = length - 1;
        for (int i = 0; i < oldNames.length; i++) {
            if (oldNames[i] != null) {
                int s = spread(oldNames[i]) & mask;
                while (names[s] != null) {
                    s = (s + 1) & mask;
                }
                names[s] = oldNames[i];
                exact[s] = oldExact[i];
                folded[s] = oldFolded[i];
            }
        }
    }

    private static int spread(String name) {
        int h = name.hashCode();
        return h ^ (h >>> 16);
    }
}
