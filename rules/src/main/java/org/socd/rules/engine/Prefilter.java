package org.socd.rules.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.socd.protocol.event.Event;
import org.socd.rules.matching.EventFields;

/**
 * The per-event candidate set: which rules can possibly match, from one Aho-Corasick pass per
 * field over the event's lower-cased values (see {@link RequiredLiterals}). Immutable and
 * thread-safe; the per-event state lives in a {@link Scan} owned by the calling thread.
 */
final class Prefilter {

    /**
     * Literal automaton of one field; literal {@code k} of it has the global id {@code globalIds[k]}
     * (the same in every index of the field) and is in the clauses {@code rulesByLiteral[k]}, each
     * {@code rule << 1 | clause}. {@code integersCanHit}: some literal can occur in an integer's
     * decimal text (else keyword scans skip integer values).
     */
    record FieldIndex(String field, AhoCorasick automaton, int[] globalIds, int[][] rulesByLiteral, boolean integersCanHit) {

        FieldIndex(String field, List<String> texts, int[] globalIds, int[][] rulesByLiteral) {
            this(field, new AhoCorasick(texts), globalIds, rulesByLiteral, texts.stream().anyMatch(FieldIndex::integral));
        }

        /** Whether {@code text} can occur in the decimal text of an integer. */
        private static boolean integral(String text) {
            return text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '-');
        }
    }

    /** Necessary clauses used per rule: a rule is a candidate only when each of them has a hit. */
    private static final int CLAUSES = 2;

    private final int ruleCount;
    /** Bit set over rule numbers: rules with one clause only (no second clause to wait for). */
    private final long[] singleClause;
    /** Bit set over rule numbers: rules without a usable literal, evaluated whenever their logsource fits. */
    private final long[] alwaysEvaluate;
    /** Per rule, the numbers of the fields its literals live in. */
    private final int[][] fieldsByRule;
    private final FieldIndex[] fields;
    private final int literalCount;
    /** Every literal's text by global id. */
    private final String[] literalTexts;

    Prefilter(List<? extends CompiledRule> rules) {
        ruleCount = rules.size();
        alwaysEvaluate = new long[words(ruleCount)];
        singleClause = new long[words(ruleCount)];
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
            if (clauses.size() == 1) {
                singleClause[i >>> 6] |= 1L << i;
            }
            int[] ruleFields = new int[0];
            for (int clause = 0; clause < clauses.size(); clause++) {
                int owner = i << 1 | clause;
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
            fields[f] = new FieldIndex(fieldNames.get(f), texts, ids, owners);
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

    /** Rules with a single clause, as a bit set over rule numbers (shared: do not modify). */
    long[] singleClause() {
        return singleClause;
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
            int[] kept = Arrays.stream(index.rulesByLiteral()[k]).filter(owner -> isSet(rules, owner >>> 1)).toArray();
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
                owners.toArray(new int[0][]));
    }

    /** Per-thread scratch space for {@link #scan}; reused event after event so a scan allocates nothing. */
    Scan newScan() {
        return new Scan(words(ruleCount), literalCount);
    }

    /**
     * Sets, in {@code scan.hits} ({@code scan.secondHits}), the bit of every rule one of whose
     * first (second) clause's literals occurs in the event,
     * looking only at {@code indexes} (from {@link #indexesFor}); bits already set stay set. Values are scanned as they
     * are, folding ASCII case on the fly; only a value with other characters is lower-cased.
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

    private static void searchText(FieldIndex index, String text, Scan scan) {
        if (!index.automaton().searchAsciiIgnoringCase(text, scan)) {
            index.automaton().search(scanForm(text.toLowerCase(Locale.ROOT)), scan);
        }
    }

    private static void search(FieldIndex index, String field, EventFields event, Scan scan) {
        List<String> values = event.values(field);
        for (int v = 0; v < values.size(); v++) {
            if (!index.automaton().searchAsciiIgnoringCase(values.get(v), scan)) {
                index.automaton().search(scanForm(event.lowerCaseValues(field).get(v)), scan);
            }
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

    static boolean isSet(long[] bits, int rule) {
        return (bits[rule >>> 6] & (1L << rule)) != 0;
    }

    /**
     * One thread's scan state: the rule bit sets being filled (one per clause), and which literals
     * were already seen in this event (a literal like {@code .exe} in a path may occur many times;
     * its rules are marked once).
     */
    static final class Scan implements AhoCorasick.Hits, BiConsumer<String, Object> {
        final long[] hits;
        final long[] secondHits;
        private final int[] seen;
        private int stamp;
        private int[] ids;
        private int[][] owners;
        /** The keyword index being searched by {@link #accept} (the scan itself is the callback: no lambda per event). */
        private FieldIndex keywords;

        @Override
        public void accept(String name, Object value) {
            searchValue(keywords, value, this);
        }

        private Scan(int words, int literals) {
            hits = new long[words];
            secondHits = new long[words];
            seen = new int[literals];
        }

        private void nextEvent() {
            if (++stamp == 0) {
                Arrays.fill(seen, 0); // wrapped after 2^32 events: forget the old stamps
                stamp = 1;
            }
        }

        @Override
        public void hit(int literal) {
            int id = ids[literal];
            if (seen[id] != stamp) {
                seen[id] = stamp;
                for (int owner : owners[literal]) {
                    int rule = owner >>> 1;
                    long[] bits = (owner & 1) == 0 ? hits : secondHits;
                    bits[rule >>> 6] |= 1L << rule;
                }
            }
        }
    }
}
