package org.socd.rules.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Finds every one of a fixed set of strings in a text in one pass (Aho-Corasick). Immutable after
 * construction, so shared by all threads.
 *
 * <p>Laid out for scanning speed with bounded memory. Characters are first mapped to a small
 * alphabet of the characters the patterns use (class 0: any other character, which always leads
 * back to the root). The shallowest nodes, where a scan spends most of its steps, get complete
 * transition rows over that alphabet in one flat {@code char[]} (a DFA: one array read per
 * character, no failure links); deeper nodes, far more numerous (thousands of 64-character hash
 * literals), keep only their children in flat sorted arrays and fall back along failure links,
 * which always end in a dense node. Everything is in flat primitive arrays: no per-node objects
 * to chase. Patterns with non-ASCII characters are in a second automaton of the same kind,
 * searched only in texts that are not ASCII, so that their many rare characters do not widen
 * the rows every text is scanned with.
 */
final class AhoCorasick {

    /** Called with the id of each pattern found (possibly more than once per text). */
    interface Hits {
        void hit(int patternId);
    }

    /**
     * Dense transition cells per automaton (2 bytes each: at most 256 KiB) unless a caller asks
     * otherwise. With 4-byte cells, SigmaHQ's 277 indexed fields took ~21 MB of automata with
     * this cap, and four times the cap ~33 MB for scans only ~3% faster in an A/B measurement.
     */
    static final int DEFAULT_DENSE_CELLS = 1 << 17;

    /** Patterns at least this long let a scan skip {@code length - 1} characters at a time at the root. */
    static final int SKIP_MIN_LENGTH = 4;
    /** The mark of a dense cell whose target reports; node ids reachable from dense rows stay below it. */
    private static final int REPORTS = 1 << 15;
    /** {@link #sparseWalk}'s answer for a sparse root without a child for the class: no child entry is {@code ~MAX_VALUE}. */
    private static final int SPARSE_ROOT_MISS = Integer.MIN_VALUE;
    /** Bound on the pair table (one byte per pair of classes). */
    private static final int MAX_PAIR_CELLS = 1 << 16;

    private final int[] asciiClass = new int[128];
    /** {@link #asciiClass} with 'A'-'Z' read as 'a'-'z', for scanning text that was not lower-cased. */
    private final int[] foldedAsciiClass = new int[128];
    /** Non-ASCII pattern characters, sorted, and their classes. */
    private final char[] otherChars;
    private final int[] otherClasses;
    private final int alphabet;
    /** Length of the shortest pattern. */
    private final int minLength;
    /**
     * Which pairs of adjacent classes occur in some pattern ({@code a * alphabet + b}), for
     * skipping text at the root (see {@link #searchSkipping}); null when skipping does not pay
     * (short patterns) or is not sound (non-ASCII patterns).
     */
    private final boolean[] pairs;
    /**
     * Nodes {@code 0 .. denseNodes-1} (breadth-first order, root first) have complete rows in
     * {@link #dense}: at least the root, unless the patterns start with too many distinct
     * characters (see {@link #denseNodes(int, int, int[])}).
     */
    private final int denseNodes;
    /**
     * Dense rows, {@code alphabet} cells each: the next node, plus {@link #REPORTS} when it
     * reports. Two bytes a cell, not four: the rows of all the fields' automata are scanned
     * event after event, and half the bytes stay in cache twice as well.
     */
    private final char[] dense;
    /** Children of sparse node {@code n}: indices {@code childStart[n-denseNodes] ..< childStart[n-denseNodes+1]}. */
    private final int[] childStart;
    private final int[] childClass;
    private final int[] childTarget;
    private final int[] fail;
    /** First node on {@code n}'s output chain (itself if a pattern ends there), or -1. */
    private final int[] report;
    /** Next node on the output chain after {@code n}, or -1. */
    private final int[] outputLink;
    /** Pattern ids ending exactly at node {@code n}: {@code outIds[outStart[n] ..< outStart[n+1]]}. */
    private final int[] outStart;
    private final int[] outIds;
    /** Finds the patterns with non-ASCII characters, or null when there are none. */
    private final AhoCorasick nonAscii;

    AhoCorasick(List<String> patterns) {
        this(patterns, DEFAULT_DENSE_CELLS);
    }

    AhoCorasick(List<String> patterns, int denseCells) {
        this(asciiOnly(patterns, true), idsOf(patterns, true), denseCells, nonAsciiPart(patterns, denseCells));
    }

    /**
     * The automaton of the ASCII {@code patterns}, reporting pattern {@code k} as {@code ids[k]};
     * {@code nonAscii} finds the others. Why two: one homoglyph literal brings its own character
     * class, and SigmaHQ's command-line literals use ~1,250 such characters, which left room for
     * only ~100 dense rows in that automaton (the hottest of all). A text with only ASCII
     * characters cannot contain a pattern with others, so {@link #searchAsciiIgnoringCase} needs
     * only this part; {@link #search} runs both.
     */
    private AhoCorasick(List<String> patterns, int[] ids, int denseCells, AhoCorasick nonAscii) {
        this.nonAscii = nonAscii;
        // Alphabet: one class per distinct character of any pattern, 0 for everything else.
        TreeSet<Character> used = new TreeSet<>();
        for (String pattern : patterns) {
            for (int i = 0; i < pattern.length(); i++) {
                used.add(pattern.charAt(i));
            }
        }
        int classes = 1;
        int others = 0;
        for (char c : used) {
            if (c >= 128) {
                others++;
            }
        }
        otherChars = new char[others];
        otherClasses = new int[others];
        int o = 0;
        for (char c : used) {
            if (c < 128) {
                asciiClass[c] = classes++;
            } else {
                otherChars[o] = c;
                otherClasses[o++] = classes++;
            }
        }
        alphabet = classes;
        int shortest = Integer.MAX_VALUE;
        boolean ascii = true;
        for (String pattern : patterns) {
            shortest = Math.min(shortest, pattern.length());
            ascii &= pattern.chars().allMatch(c -> c < 128);
        }
        minLength = patterns.isEmpty() ? 0 : shortest;
        // Skipping does not look at every character, so it would miss that a text is not ASCII
        // and that the non-ASCII part has to search it too.
        if (ascii && nonAscii == null && minLength >= SKIP_MIN_LENGTH && (long) alphabet * alphabet <= MAX_PAIR_CELLS) {
            pairs = new boolean[alphabet * alphabet];
            for (String pattern : patterns) {
                for (int i = 1; i < pattern.length(); i++) {
                    pairs[asciiClass[pattern.charAt(i - 1)] * alphabet + asciiClass[pattern.charAt(i)]] = true;
                }
            }
        } else {
            pairs = null;
        }
        for (char c = 0; c < 128; c++) {
            foldedAsciiClass[c] = asciiClass[c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c];
        }

        // Trie with children as linked sibling lists, in insertion order; renumbered breadth-first below.
        Growable firstChild = new Growable();
        Growable sibling = new Growable();
        Growable label = new Growable();
        Growable ends = new Growable(); // head of the pattern-id list ending at a node, -1
        Growable endNext = new Growable(); // per pattern: next pattern id in the same node's list
        firstChild.add(-1);
        sibling.add(-1);
        label.add(0);
        ends.add(-1);
        for (int id = 0; id < patterns.size(); id++) {
            String pattern = patterns.get(id);
            int node = 0;
            for (int i = 0; i < pattern.length(); i++) {
                int c = classOf(pattern.charAt(i));
                int child = firstChild.get(node);
                while (child >= 0 && label.get(child) != c) {
                    child = sibling.get(child);
                }
                if (child < 0) {
                    child = firstChild.size();
                    firstChild.add(-1);
                    sibling.add(firstChild.get(node));
                    label.add(c);
                    ends.add(-1);
                    firstChild.set(node, child);
                }
                node = child;
            }
            endNext.add(ends.get(node));
            ends.set(node, id);
        }
        int n = firstChild.size();

        // Breadth-first numbering, children of a node contiguous and sorted by class.
        int[] order = new int[n]; // new id -> old id
        int[] newId = new int[n];
        int[] parent = new int[n]; // by new id
        int[] depth = new int[n];
        int tail = 1;
        int[] buffer = new int[alphabet];
        for (int head = 0; head < tail; head++) {
            int old = order[head];
            int count = 0;
            for (int child = firstChild.get(old); child >= 0; child = sibling.get(child)) {
                buffer[count++] = child;
            }
            int[] children = Arrays.copyOf(buffer, count);
            Integer[] boxed = Arrays.stream(children).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, (a, b) -> Integer.compare(label.get(a), label.get(b)));
            for (Integer child : boxed) {
                newId[child] = tail;
                parent[tail] = head;
                depth[tail] = depth[head] + 1;
                order[tail++] = child;
            }
        }
        denseNodes = denseNodes(n, Math.max(1, Math.min(n, denseCells / alphabet)), parent);
        int[] labelOf = new int[n];
        outStart = new int[n + 1];
        Growable outs = new Growable();
        childStart = new int[n - denseNodes + 1];
        Growable childClasses = new Growable();
        Growable childTargets = new Growable();
        for (int id = 0; id < n; id++) {
            int old = order[id];
            labelOf[id] = label.get(old);
            outStart[id] = outs.size();
            for (int p = ends.get(old); p >= 0; p = endNext.get(p)) {
                outs.add(ids[p]);
            }
            if (id >= denseNodes) {
                childStart[id - denseNodes] = childClasses.size();
                // Collect, then sort by class (sibling order is reverse insertion order).
                int count = 0;
                for (int child = firstChild.get(old); child >= 0; child = sibling.get(child)) {
                    buffer[count++] = newId[child];
                }
                Arrays.sort(buffer, 0, count); // breadth-first ids of siblings follow their class order
                for (int k = 0; k < count; k++) {
                    childClasses.add(label.get(order[buffer[k]]));
                    childTargets.add(buffer[k]);
                }
            }
        }
        outStart[n] = outs.size();
        childStart[n - denseNodes] = childClasses.size();
        outIds = outs.toArray();
        childClass = childClasses.toArray();
        childTarget = childTargets.toArray();

        // Failure links and dense rows in one breadth-first pass: a node's failure target and the
        // failure chain of its parent are shallower, so their rows are complete when it needs them.
        fail = new int[n];
        report = new int[n];
        outputLink = new int[n];
        int[] rows = new int[denseNodes * alphabet];
        report[0] = outStart[1] > outStart[0] ? 0 : -1;
        outputLink[0] = -1;
        for (int id = 0; id < n; id++) {
            if (id > 0) {
                int p = parent[id];
                fail[id] = p == 0 ? 0 : buildStep(rows, fail[p], labelOf[id]);
                outputLink[id] = report[fail[id]];
                report[id] = outStart[id + 1] > outStart[id] ? id : outputLink[id];
            }
            if (id < denseNodes) {
                int row = id * alphabet;
                if (id > 0) {
                    System.arraycopy(rows, fail[id] * alphabet, rows, row, alphabet);
                }
                // Children override the transitions inherited from the failure target.
                for (int old = firstChild.get(order[id]); old >= 0; old = sibling.get(old)) {
                    rows[row + label.get(old)] = newId[old];
                }
            }
        }
        // Transitions into a node on some output chain are marked (the top bit of a dense cell,
        // complemented in the sparse part), so a scan reads the report table only when there is
        // something to report: one memory access per character instead of two.
        dense = new char[rows.length];
        for (int k = 0; k < rows.length; k++) {
            int target = rows[k];
            dense[k] = (char) (report[target] >= 0 ? target | REPORTS : target);
        }
        for (int k = 0; k < childTarget.length; k++) {
            childTarget[k] = encode(childTarget[k]);
        }
    }

    /** The patterns that are (not) all ASCII, in their order. */
    private static List<String> asciiOnly(List<String> patterns, boolean ascii) {
        List<String> part = new ArrayList<>();
        for (String pattern : patterns) {
            if (isAscii(pattern) == ascii) {
                part.add(pattern);
            }
        }
        return part;
    }

    /** The ids (positions in {@code patterns}) of {@link #asciiOnly}'s patterns. */
    private static int[] idsOf(List<String> patterns, boolean ascii) {
        int[] ids = new int[patterns.size()];
        int count = 0;
        for (int id = 0; id < patterns.size(); id++) {
            if (isAscii(patterns.get(id)) == ascii) {
                ids[count++] = id;
            }
        }
        return Arrays.copyOf(ids, count);
    }

    private static AhoCorasick nonAsciiPart(List<String> patterns, int denseCells) {
        List<String> part = asciiOnly(patterns, false);
        return part.isEmpty() ? null : new AhoCorasick(part, idsOf(patterns, false), denseCells, null);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many nodes get dense rows: {@code wanted}, or fewer so that every transition from a
     * dense row leads to a node below {@link #REPORTS} (a 15-bit id). Transitions from node
     * {@code k} lead to its children or to those of shallower nodes, all numbered at most the
     * last child of nodes {@code 0..k} (breadth-first); the cut is monotonic.
     */
    private static int denseNodes(int n, int wanted, int[] parent) {
        if (n <= REPORTS) {
            return wanted;
        }
        // Children are numbered in their parents' order: node REPORTS is the first child out of
        // reach, so its parent's row and all later ones stay sparse. When that parent is the
        // root (patterns starting with some 32,767 distinct characters: a crafted rule pack, not
        // a real one), no row is dense and the root is searched like a sparse node.
        return Math.min(wanted, parent[REPORTS]);
    }

    /** {@link #step} while building: unmarked node ids in {@code rows} and {@link #childTarget}. */
    private int buildStep(int[] rows, int node, int c) {
        int at = sparseWalk(node, c);
        if (at < 0) {
            return at == SPARSE_ROOT_MISS ? 0 : childTarget[~at];
        }
        return rows[at * alphabet + c];
    }

    /**
     * The sparse part of a step on class {@code c} from {@code node}: along sparse nodes' child
     * lists and failure links until a child matches ({@code ~k}, for child entry {@code k}), a
     * dense node is reached (its id, to look {@code c} up in its row), or a sparse root has no
     * child for {@code c} ({@link #SPARSE_ROOT_MISS}). Shared by construction and search, whose
     * dense cells differ.
     */
    private int sparseWalk(int node, int c) {
        while (node >= denseNodes) {
            int from = childStart[node - denseNodes];
            int to = childStart[node - denseNodes + 1];
            for (int k = from; k < to; k++) {
                if (childClass[k] == c) {
                    return ~k;
                }
            }
            if (node == 0) {
                return SPARSE_ROOT_MISS; // a sparse root (see denseNodes): no pattern starts with c
            }
            node = fail[node];
        }
        return node;
    }

    private int encode(int node) {
        return report[node] >= 0 ? ~node : node;
    }

    /**
     * The node after reading class {@code c} in {@code node}, following failure links from sparse
     * nodes; complemented if it reports (once construction is complete).
     */
    private int step(int node, int c) {
        int at = sparseWalk(node, c);
        if (at < 0) {
            return at == SPARSE_ROOT_MISS ? 0 : childTarget[~at];
        }
        int cell = dense[at * alphabet + c];
        return cell < REPORTS ? cell : ~(cell - REPORTS);
    }

    private int classOf(char c) {
        if (c < 128) {
            return asciiClass[c];
        }
        int k = Arrays.binarySearch(otherChars, c);
        return k >= 0 ? otherClasses[k] : 0;
    }

    /**
     * The node after reading class {@code c} in {@code node}, reporting the patterns that end
     * there. Class 0 is a character no pattern contains: no pattern spans it, back to the root.
     * The one step every scan shares; small enough for the JIT to inline into each loop.
     */
    private int advance(int node, int c, Hits hits) {
        if (c == 0) {
            return 0;
        }
        if (node < denseNodes) {
            int cell = dense[node * alphabet + c];
            if (cell < REPORTS) {
                return cell;
            }
            report(cell - REPORTS, hits);
            return cell - REPORTS;
        }
        int next = step(node, c);
        if (next >= 0) {
            return next;
        }
        report(~next, hits);
        return ~next;
    }

    private void report(int node, Hits hits) {
        for (int out = report[node]; out >= 0; out = outputLink[out]) {
            for (int k = outStart[out]; k < outStart[out + 1]; k++) {
                hits.hit(outIds[k]);
            }
        }
    }

    /** Reports every pattern occurring in {@code text}. */
    void search(String text, Hits hits) {
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            node = advance(node, classOf(text.charAt(i)), hits);
        }
        if (nonAscii != null) {
            nonAscii.search(text, hits);
        }
    }

    /**
     * Like {@link #search} on {@code text.toLowerCase(Locale.ROOT)}, without building that string,
     * as long as the text is ASCII (where lower-casing is per character): returns false at the
     * first non-ASCII character, having reported only true occurrences so far; the caller then
     * searches the properly lower-cased text. The patterns must be lower-case.
     */
    boolean searchAsciiIgnoringCase(String text, Hits hits) {
        if (pairs != null) {
            return searchSkipping(text, hits);
        }
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= 128) {
                return false;
            }
            node = advance(node, foldedAsciiClass[ch], hits);
        }
        return true;
    }

    /**
     * {@link #searchAsciiIgnoringCase} for long ASCII patterns, skipping text at the root: there no
     * occurrence has begun, and one starting within the next {@code minLength - 1} characters
     * would cover the two characters at {@code i + minLength - 2} and {@code i + minLength - 1};
     * when that pair occurs in no pattern, the scan resumes at the second of them. Keyword
     * literals like {@code sekurlsa::} are searched in every value of a Windows event, mostly
     * a few characters per step this way. Skipped characters are not looked at, which is sound
     * for non-ASCII ones too: lower-casing keeps every character but 'İ' one character long, and
     * an ASCII pattern can only end at the 'i' that 'İ' becomes.
     */
    private boolean searchSkipping(String text, Hits hits) {
        int node = 0;
        int n = text.length();
        int i = 0;
        int reach = minLength - 1;
        while (i < n) {
            if (node == 0) {
                int j = i + reach;
                if (j >= n) {
                    return true; // no pattern fits in what is left
                }
                char a = text.charAt(j - 1);
                char b = text.charAt(j);
                if (a >= 128 || b >= 128) {
                    return false;
                }
                if (!pairs[foldedAsciiClass[a] * alphabet + foldedAsciiClass[b]]) {
                    i = j;
                    continue;
                }
            }
            char ch = text.charAt(i++);
            if (ch >= 128) {
                return false;
            }
            node = advance(node, foldedAsciiClass[ch], hits);
        }
        return true;
    }

    /** Whether scans skip text at the root: such a scan reads a few characters a window (the pre-filter then bypasses its memo). */
    boolean skips() {
        return pairs != null;
    }

    /** Number of trie nodes (for tests and diagnostics). */
    int nodes() {
        return fail.length + (nonAscii == null ? 0 : nonAscii.nodes());
    }

    /** Number of nodes with a complete transition row (for tests and diagnostics). */
    int denseNodes() {
        return denseNodes;
    }

    /** A growable int list for construction. */
    private static final class Growable {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int get(int i) {
            return values[i];
        }

        void set(int i, int value) {
            values[i] = value;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
