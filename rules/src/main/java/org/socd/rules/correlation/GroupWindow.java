package org.socd.rules.correlation;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The sliding window of one correlation for one group: its entries in event-time order and the
 * running aggregates over them, so evaluating the condition costs O(1) per event (O(n) only for
 * {@code temporal_ordered}, once every rule is present). The window ends at the latest event
 * time seen in the group and reaches back one timespan; entries older than that expire.
 * Not thread-safe: owned by one {@link CorrelationEngine}.
 */
final class GroupWindow {

    /** One contributing event: when, which event, which referenced rules (bit i = rule i) and its value. */
    record Entry(long millis, String eventId, long rules, String distinct, double number) {}

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    /** The most recent events, by arrival, with their full fields: what a match shows the analyst. */
    private final ArrayDeque<Contribution> samples = new ArrayDeque<>();
    private final int sampleLimit;
    private final int[] ruleCounts;
    private final Map<String, Integer> distinctCounts = new HashMap<>();
    private int rulesPresent;
    private double sum;
    private long latest = Long.MIN_VALUE;

    GroupWindow(int rules, int sampleLimit) {
        this.ruleCounts = new int[rules];
        this.sampleLimit = sampleLimit;
    }

    int size() {
        return entries.size();
    }

    long latest() {
        return latest;
    }

    long earliest() {
        return entries.isEmpty() ? latest : entries.peekFirst().millis();
    }

    /** Whether an event at {@code millis} falls before this window's start (out of order by more than the timespan). */
    boolean late(long millis, long span) {
        return !entries.isEmpty() && millis < latest - span;
    }

    /** Inserts in event-time order; an out-of-order event usually lands near the tail, so this is cheap. */
    void add(Entry entry, Contribution sample) {
        ArrayDeque<Entry> later = null;
        while (!entries.isEmpty() && entries.peekLast().millis() > entry.millis()) {
            if (later == null) {
                later = new ArrayDeque<>();
            }
            later.push(entries.pollLast());
        }
        entries.addLast(entry);
        if (later != null) {
            entries.addAll(later);
        }
        latest = Math.max(latest, entry.millis());
        count(entry, 1);
        samples.addLast(sample);
        if (samples.size() > sampleLimit) {
            samples.pollFirst();
        }
    }

    /** Drops entries older than one timespan before the latest event; returns how many. */
    int expire(long span) {
        long start = latest - span;
        int removed = 0;
        while (!entries.isEmpty() && entries.peekFirst().millis() < start) {
            count(entries.pollFirst(), -1);
            removed++;
        }
        samples.removeIf(sample -> sample.time().toEpochMilli() < start);
        return removed;
    }

    /** Drops the oldest entry (to respect the entry bound when this group alone exceeds it). */
    void dropOldest() {
        Entry oldest = entries.pollFirst();
        if (oldest != null) {
            count(oldest, -1);
        }
    }

    private void count(Entry entry, int delta) {
        for (int i = 0; i < ruleCounts.length; i++) {
            if ((entry.rules() & (1L << i)) != 0) {
                int before = ruleCounts[i];
                ruleCounts[i] += delta;
                if (before == 0 && ruleCounts[i] > 0) {
                    rulesPresent++;
                } else if (before > 0 && ruleCounts[i] == 0) {
                    rulesPresent--;
                }
            }
        }
        if (entry.distinct() != null) {
            distinctCounts.merge(entry.distinct(), delta, (a, b) -> a + b == 0 ? null : a + b);
        }
        sum += delta * entry.number();
    }

    /** The aggregate a condition is tested against, for {@code type}. */
    double aggregate(CorrelationType type) {
        return switch (type) {
            case EVENT_COUNT -> entries.size();
            case VALUE_COUNT -> distinctCounts.size();
            case VALUE_SUM -> sum;
            case VALUE_AVG -> entries.isEmpty() ? 0 : sum / entries.size();
            case TEMPORAL, TEMPORAL_ORDERED -> rulesPresent;
        };
    }

    /**
     * Whether events of rules 0..n-1 occur in that order (by event time, arrival breaking ties),
     * each step on a different event. Greedy earliest matching finds such a sequence whenever
     * one exists.
     */
    boolean inOrder() {
        if (rulesPresent < ruleCounts.length) {
            return false;
        }
        int next = 0;
        for (Entry entry : entries) {
            if ((entry.rules() & (1L << next)) != 0 && ++next == ruleCounts.length) {
                return true;
            }
        }
        return false;
    }

    /** Every entry's event id, in event-time order. */
    List<String> eventIds() {
        List<String> ids = new ArrayList<>(entries.size());
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            ids.add(it.next().eventId());
        }
        return ids;
    }

    /** The retained events still inside the window, in event-time order. */
    List<Contribution> samples() {
        List<Contribution> inWindow = new ArrayList<>(samples);
        inWindow.sort((a, b) -> a.time().compareTo(b.time()));
        return inWindow;
    }

    Instant earliestInstant() {
        return Instant.ofEpochMilli(earliest());
    }
}
