package org.socd.rules.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.socd.protocol.event.Event;
import org.socd.rules.matching.EventFields;

/**
 * The per-event candidate set: which rules can possibly match, from one Aho-Corasick pass per
 * field over the event's lower-cased values (see {@link RequiredLiterals}), or from the calling
 * thread's memo of what a recent scan found in the same value ({@link ScanMemo}). Immutable and
 * thread-safe; the per-event state and the memos live in a {@link Scan} owned by the calling thread.
 */
final class Prefilter {

    /**
     * Literal automaton of one field; literal {@code k} of it has the global id {@code globalIds[k]}
     * (the same in every index of the field) and is in the clauses {@code rulesByLiteral[k]}, each
     * {@code rule << CLAUSE_BITS | clause}. {@code integersCanHit}: some literal can occur in an integer's
     * decimal text (else keyword scans skip integer values).
     */
    record FieldIndex(String field, AhoCorasick automaton, int[] globalIds, int[][] rulesByLiteral, boolean integersCanHit,
                      int memoSlot) {

        FieldIndex(String field, List<String> texts, int[] globalIds, int[][] rulesByLiteral, int memoSlot) {
            this(field, new AhoCorasick(texts), globalIds, rulesByLiteral, texts.stream().anyMatch(FieldIndex::integral), memoSlot);
        }

        /** Whether {@code text} can occur in the decimal text of an integer. */
        private static boolean integral(String text) {
            return text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '-');
        }
    }

    /**
     * Necessary clauses used per rule: a rule is a candidate only when each of them has a hit.
     * Two were too few: a rule's two longest clauses are often common values (a SYSTEM
     * integrity level and user) and the selective part (the suspicious command line) a third.
     */
    static final int CLAUSES = 4;
    /** Bits of a literal owner ({@code rule << CLAUSE_BITS | clause}) that hold the clause. */
    private static final int CLAUSE_BITS = 2;

    private final int ruleCount;
    /** Per clause {@code k}, bit set over rule numbers: rules with at most {@code k} clauses (clause {@code k} not required). */
    private final long[][] withoutClause;
    /** Bit set over rule numbers: rules without a usable literal, evaluated whenever their logsource fits. */
    private final long[] alwaysEvaluate;
    /** Per rule, the numbers of the fields its literals live in. */
    private final int[][] fieldsByRule;
    private final FieldIndex[] fields;
    private final int literalCount;
    /** Every literal's text by global id. */
    private final String[] literalTexts;
    /** Numbers the field indexes (restricted ones are built later, by several threads) for {@link Scan}'s memos. */
    private final AtomicInteger memoSlots = new AtomicInteger();

    Prefilter(List<? extends CompiledRule> rules) {
        ruleCount = rules.size();
        alwaysEvaluate = new long[words(ruleCount)];
        withoutClause = new long[CLAUSES][words(ruleCount)];
        fieldsByRule = new int[ruleCount][];
        Map<String, Integer> fieldNumbers = new HashMap<>();
        List<Map<String, List<Integer>>> literals = new ArrayList<>();
        List<String> fieldNames = new ArrayList<>();
        for (int i = 0; i < ruleCount; i++) {
            List<List<RequiredLiterals.Literal>> clauses = RequiredLiterals.clauses(rules.get(i).matcher(), CLAUSES);
            if (clauses.isEmpty()) {
                alwaysEvaluate[i >>> 6] |= 1L << i;
                fieldsByRule[i] = new int[0];
                continue;
            }
            for (int k = clauses.size(); k < CLAUSES; k++) {
                withoutClause[k][i >>> 6] |= 1L << i;
            }
            int[] ruleFields = new int[0];
            for (int clause = 0; clause < clauses.size(); clause++) {
                int owner = i << CLAUSE_BITS | clause;
                for (RequiredLiterals.Literal literal : clauses.get(clause)) {
                    int field = fieldNumbers.computeIfAbsent(literal.field(), f -> {
                        fieldNames.add(f);
                        literals.add(new LinkedHashMap<>());
                        return fieldNames.size() - 1;
                    });
                    if (Arrays.stream(ruleFields).noneMatch(f -> f == field)) {
                        ruleFields = Arrays.copyOf(ruleFields, ruleFields.length + 1);
                        ruleFields[ruleFields.length - 1] = field;
                    }
                    List<Integer> owners = literals.get(field).computeIfAbsent(literal.text(), t -> new ArrayList<>());
                    if (!owners.contains(owner)) {
                        owners.add(owner);
                    }
                }
            }
            fieldsByRule[i] = ruleFields;
        }
        fields = new FieldIndex[fieldNames.size()];
        List<String> allTexts = new ArrayList<>();
        int base = 0;
        for (int f = 0; f < fields.length; f++) {
            Map<String, List<Integer>> byText = literals.get(f);
            List<String> texts = new ArrayList<>(byText.keySet());
            int[][] owners = new int[texts.size()][];
            for (int k = 0; k < texts.size(); k++) {
                owners[k] = byText.get(texts.get(k)).stream().mapToInt(Integer::intValue).toArray();
            }
            int[] ids = new int[texts.size()];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = base + k;
            }
            fields[f] = new FieldIndex(fieldNames.get(f), texts, ids, owners, memoSlots.getAndIncrement());
            texts.forEach(allTexts::add);
            base += texts.size();
        }
        literalCount = base;
        literalTexts = allTexts.toArray(new String[0]);
    }

    static int words(int bits) {
        return (bits + 63) >>> 6;
    }

    /** Rules without a usable literal, as a bit set over rule numbers (shared: do not modify). */
    long[] alwaysEvaluate() {
        return alwaysEvaluate;
    }

    /**
     * Word {@code w} of the bit set of rules that had a hit in every one of their clauses during
     * {@code scan}'s current event.
     */
    long passed(Scan scan, int w) {
        long[][] hits = scan.clauseHits;
        long word = hits[0][w];
        for (int k = 1; k < CLAUSES; k++) {
            word &= hits[k][w] | withoutClause[k][w];
        }
        return word;
    }

    /**
     * The indexes to scan for events whose candidate rules are {@code rules} (a bit set over rule
     * numbers): one per field some of them have literals in. Where those rules use less than half
     * of a field's literals, the index is rebuilt with only theirs: a smaller automaton stays in
     * cache (keyword literals of Linux rules have no business in a Windows event's scan). Without
     * {@code restrict}, the shared full indexes (nothing to build).
     */
    FieldIndex[] indexesFor(long[] rules, boolean restrict) {
        boolean[] wanted = new boolean[fields.length];
        for (int rule = 0; rule < ruleCount; rule++) {
            if (isSet(rules, rule)) {
                for (int field : fieldsByRule[rule]) {
                    wanted[field] = true;
                }
            }
        }
        List<FieldIndex> indexes = new ArrayList<>();
        for (int f = 0; f < fields.length; f++) {
            if (wanted[f]) {
                indexes.add(restrict ? restrict(fields[f], rules) : fields[f]);
            }
        }
        return indexes.toArray(new FieldIndex[0]);
    }

    private FieldIndex restrict(FieldIndex index, long[] rules) {
        int literals = index.globalIds().length;
        List<String> texts = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        List<int[]> owners = new ArrayList<>();
        for (int k = 0; k < literals; k++) {
            int[] kept = Arrays.stream(index.rulesByLiteral()[k]).filter(owner -> isSet(rules, owner >>> CLAUSE_BITS)).toArray();
            if (kept.length > 0) {
                texts.add(literalTexts[index.globalIds()[k]]);
                ids.add(index.globalIds()[k]);
                owners.add(kept);
            }
        }
        if (texts.size() * 2 >= literals) {
            return index; // not worth a second automaton
        }
        return new FieldIndex(index.field(), texts, ids.stream().mapToInt(Integer::intValue).toArray(),
                owners.toArray(new int[0][]), memoSlots.getAndIncrement());
    }

    /** Per-thread scratch space for {@link #scan}; reused event after event so a scan allocates nothing. */
    Scan newScan() {
        return newScan(Scan.MEMO_LITERALS);
    }

    /** A scan whose memos hold at most {@code memoLiterals} literal ids together. */
    Scan newScan(long memoLiterals) {
        return new Scan(words(ruleCount), literalCount, memoLiterals);
    }

    /**
     * Sets, in {@code scan.clauseHits[k]}, the bit of every rule one of whose clause {@code k}'s
     * literals occurs in the event, looking only at {@code indexes} (from {@link #indexesFor});
     * the bits of the previous event are cleared first. Values are scanned as they are, folding
     * ASCII case on the fly; only a value with other characters is lower-cased.
     */
    void scan(EventFields event, FieldIndex[] indexes, Scan scan) {
        scan.nextEvent();
        for (FieldIndex index : indexes) {
            scan.ids = index.globalIds();
            scan.owners = index.rulesByLiteral();
            if (RequiredLiterals.KEYWORDS.equals(index.field())) {
                // Every top-level value as EventFields.allValues reads them, without building
                // that list (a Windows event has some 25) or the text of numbers no literal can be in.
                scan.keywords = index;
                event.event().fields().forEach(scan);
                // A renamed message or raw field may live outside the top level.
                if (event.isRenamed(Event.MESSAGE)) {
                    search(index, Event.MESSAGE, event, scan);
                }
                if (event.isRenamed(Event.RAW)) {
                    search(index, Event.RAW, event, scan);
                }
            } else {
                search(index, index.field(), event, scan);
            }
        }
    }

    /** A top-level value as {@link EventFields#allValues} turns it into strings: scalars, and the scalars of a list. */
    private static void searchValue(FieldIndex index, Object value, Scan scan) {
        if (value instanceof String text) {
            searchText(index, text, scan);
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                if (element != null && !(element instanceof Map<?, ?>) && !(element instanceof List<?>)) {
                    searchScalar(index, element, scan);
                }
            }
        } else if (value != null && !(value instanceof Map<?, ?>)) {
            searchScalar(index, value, scan);
        }
    }

    private static void searchScalar(FieldIndex index, Object value, Scan scan) {
        if (!index.integersCanHit()
                && (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)) {
            return; // its text is digits and '-' only, and no literal is
        }
        searchText(index, value.toString(), scan);
    }

    /**
     * Marks the rules of the literals in {@code text}: from the thread's memo of this index when
     * it scanned the same text lately, else by scanning it (and remembering what it found).
     */
    private static void searchText(FieldIndex index, String text, Scan scan) {
        // An automaton that skips (only long literals, as the keyword one searched in every value
        // of a Windows event) reads a few characters of each window, where a fingerprint reads
        // them all: its scan is cheaper than the memo (A/B 1.06 and 1.09 on fresh events).
        if (text.length() < ScanMemo.MIN_LENGTH || text.length() > ScanMemo.MAX_LENGTH || index.automaton().skips()) {
            scanText(index, text, scan);
            return;
        }
        ScanMemo memo = scan.memo(index.memoSlot());
        long[] fingerprint = scan.fingerprint(text);
        int slot = ScanMemo.slot(fingerprint);
        if (memo.holds(slot, fingerprint, text.length())) {
            memo.replay(slot, scan);
            return;
        }
        scan.startRecording();
        scanText(index, text, scan);
        scan.remember(memo, slot, fingerprint, text.length());
    }

    private static void scanText(FieldIndex index, String text, Scan scan) {
        if (!index.automaton().searchAsciiIgnoringCase(text, scan)) {
            index.automaton().search(scanForm(text.toLowerCase(Locale.ROOT)), scan);
        }
    }

    private static void search(FieldIndex index, String field, EventFields event, Scan scan) {
        Object value = event.value(field);
        if (value instanceof String text) {
            // The common case, read as it is: caching its value list for the matchers cost more
            // than the scan of most fields, and only the few fields candidate rules read need it.
            searchText(index, text, scan);
            return;
        }
        if (value == null || value instanceof Map<?, ?>) {
            return; // absent, or no text of its own (EventFields.values is empty): nothing to find
        }
        List<String> values = event.values(field);
        for (int v = 0; v < values.size(); v++) {
            searchText(index, values.get(v), scan);
        }
    }

    /**
     * The lower-cased text as the automata read it: with the long s ('ſ', already lower-case) as
     * 's', because RE2's case folding matches it to an 's' of a {@code (?i)} regex, whose literals
     * the automata hold in lower-case ASCII. (The Kelvin sign, the other such letter, lower-cases
     * to 'k'.) Only ever finds more, so the pre-filter stays a superset for every other rule.
     */
    static String scanForm(String lowerCased) {
        return lowerCased.indexOf('\u017f') < 0 ? lowerCased : lowerCased.replace('\u017f', 's');
    }

    /**
     * One thread's recently scanned values of one field index and the literals found in each.
     * Field values repeat heavily (the same images, parents, companies, users, hashes of the same
     * binaries, and most keyword-searched values of an event), and fingerprinting a value reads
     * it sequentially, where a scan makes a dependent table access per character into automata
     * too big to stay in cache. Values are recognised by their {@link ValueFingerprint}, not
     * kept: comparing a new value with a remembered string read that string from memory on every
     * hit (12-16 % of the engine's samples on fresh events, the larger share when other tenants
     * of the machine crowd the caches), and the strings were most of the memo's memory.
     * Direct-mapped: a new value replaces the one in its slot, so the memory is bounded by
     * {@link #SLOTS} and by {@link Scan}'s total.
     */
    static final class ScanMemo {
        static final int SLOT_BITS = 8;
        static final int SLOTS = 1 << SLOT_BITS;
        /** Shorter values are scanned as fast as they are looked up. */
        static final int MIN_LENGTH = 6;
        /** Longer values (encoded scripts, long command lines) rarely repeat: fingerprinting them is mostly wasted. */
        static final int MAX_LENGTH = ValueFingerprint.MAX_LENGTH;
        /**
         * Longs per slot, side by side in one array: the fingerprint's two halves and a word of
         * {@code length + 1} (bits 0-15; 0 marks an empty slot), what the value holds (bits
         * 16-17: {@link #NOTHING}, {@link #ONE} or {@link #MANY}) and the one literal (bits 32-63).
         * 32 bytes: a hit reads one cache line or two adjacent ones (Java does not align the
         * array), where the separate arrays of fingerprints, lengths and literal lists were three
         * or four lines apart; the list is read only for a value with several literals, which most
         * values are not.
         */
        private static final int ENTRY = 4;
        private static final int NOTHING = 0;
        private static final int ONE = 1;
        private static final int MANY = 2;

        private final long[] entries = new long[ENTRY * SLOTS];
        /** The literals of the slots that hold {@link #MANY}. */
        private final int[][] lists = new int[SLOTS][];

        static int slot(long[] fingerprint) {
            // NH's low bits are biased (a product of two random words is even three times in four): mix.
            return (int) ((fingerprint[0] ^ fingerprint[1]) * 0x9E3779B97F4A7C15L >>> (64 - SLOT_BITS));
        }

        /** Whether {@code slot} remembers the value of {@code fingerprint} and {@code length}. */
        boolean holds(int slot, long[] fingerprint, int length) {
            int at = slot * ENTRY;
            return entries[at] == fingerprint[0] && entries[at + 1] == fingerprint[1]
                    && (int) (entries[at + 2] & 0xFFFF) == length + 1;
        }

        /** Hits, in {@code scan}, the literals remembered in {@code slot}. */
        void replay(int slot, Scan scan) {
            long word = entries[slot * ENTRY + 2];
            int holds = (int) (word >>> 16) & 3;
            if (holds == ONE) {
                scan.hit((int) (word >>> 32));
            } else if (holds == MANY) {
                for (int literal : lists[slot]) {
                    scan.hit(literal);
                }
            }
        }

        /**
         * Remembers {@code literals[0 ..< count]} (sorted, without repeats) for the value of
         * {@code fingerprint} and {@code length} in {@code slot}.
         *
         * @return the change in the number of literal ids kept in lists
         */
        int store(int slot, long[] fingerprint, int length, int[] literals, int count) {
            int at = slot * ENTRY;
            int[] old = lists[slot];
            entries[at] = fingerprint[0];
            entries[at + 1] = fingerprint[1];
            long word = length + 1L;
            if (count == 1) {
                word |= (long) ONE << 16 | (long) literals[0] << 32;
                lists[slot] = null;
            } else if (count > 1) {
                word |= (long) MANY << 16;
                lists[slot] = Arrays.copyOf(literals, count);
            } else {
                lists[slot] = null;
            }
            entries[at + 2] = word;
            return (count > 1 ? count : 0) - (old == null ? 0 : old.length);
        }
    }

    static boolean isSet(long[] bits, int rule) {
        return (bits[rule >>> 6] & (1L << rule)) != 0;
    }

    /**
     * One thread's scan state: the rule bit sets being filled (one per clause), and which literals
     * were already seen in this event (a literal like {@code .exe} in a path may occur many times;
     * its rules are marked once).
     */
    static final class Scan implements AhoCorasick.Hits, BiConsumer<String, Object> {
        /** Bound on the literal ids all memos' lists hold together (4 MiB); beyond it they are all forgotten. */
        static final long MEMO_LITERALS = 1 << 20;

        /** Per clause, the rules with a hit in it: {@code clauseHits[k]} is a bit set over rule numbers. */
        final long[][] clauseHits;
        private final int[] seen;
        private int stamp;
        private ScanMemo[] memos = new ScanMemo[0];
        private final long memoLiteralLimit;
        private long memoLiterals;
        /** The fingerprint of the value being looked up, and the characters it was computed from. */
        private final long[] fingerprint = new long[2];
        private char[] characters = new char[64];
        /** While scanning a value to remember: the literals found so far, in {@code recorded[0 ..< recordedCount]}. */
        private boolean recording;
        private int[] recorded = new int[16];
        private int recordedCount;
        private int[] ids;
        private int[][] owners;
        /** The keyword index being searched by {@link #accept} (the scan itself is the callback: no lambda per event). */
        private FieldIndex keywords;

        @Override
        public void accept(String name, Object value) {
            searchValue(keywords, value, this);
        }

        private Scan(int words, int literals, long memoLiteralLimit) {
            this.memoLiteralLimit = memoLiteralLimit;
            clauseHits = new long[CLAUSES][words];
            seen = new int[literals];
        }

        private void nextEvent() {
            for (long[] hits : clauseHits) {
                Arrays.fill(hits, 0L);
            }
            if (++stamp == 0) {
                Arrays.fill(seen, 0); // wrapped after 2^32 events: forget the old stamps
                stamp = 1;
            }
        }

        ScanMemo memo(int slot) {
            if (slot >= memos.length) {
                memos = Arrays.copyOf(memos, Math.max(slot + 1, memos.length * 2));
            }
            ScanMemo memo = memos[slot];
            if (memo == null) {
                memo = new ScanMemo();
                memos[slot] = memo;
            }
            return memo;
        }

        /** The fingerprint of {@code text}, valid until the next call. */
        long[] fingerprint(String text) {
            if (characters.length < text.length()) {
                characters = new char[Math.max(text.length(), characters.length * 2)];
            }
            ValueFingerprint.of(text, characters, fingerprint);
            return fingerprint;
        }

        void startRecording() {
            recording = true;
            recordedCount = 0;
        }

        /** Stores the literals recorded since {@link #startRecording} as what the value of {@code fingerprint} and {@code length} holds. */
        void remember(ScanMemo memo, int slot, long[] fingerprint, int length) {
            recording = false;
            if (memoLiterals + recordedCount > memoLiteralLimit) {
                Arrays.fill(memos, null); // every memo together has held enough: start afresh
                memoLiterals = 0;
                return;
            }
            Arrays.sort(recorded, 0, recordedCount);
            int unique = 0;
            for (int k = 0; k < recordedCount; k++) {
                if (k == 0 || recorded[k] != recorded[k - 1]) {
                    recorded[unique++] = recorded[k];
                }
            }
            memoLiterals += memo.store(slot, fingerprint, length, recorded, unique);
        }

        @Override
        public void hit(int literal) {
            if (recording) {
                if (recordedCount == recorded.length) {
                    recorded = Arrays.copyOf(recorded, recordedCount * 2);
                }
                recorded[recordedCount++] = literal;
            }
            int id = ids[literal];
            if (seen[id] != stamp) {
                seen[id] = stamp;
                for (int owner : owners[literal]) {
                    int rule = owner >>> CLAUSE_BITS;
                    clauseHits[owner & (CLAUSES - 1)][rule >>> 6] |= 1L << rule;
                }
            }
        }
    }
}
