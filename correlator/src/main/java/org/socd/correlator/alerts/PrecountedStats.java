package org.socd.correlator.alerts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/**
 * Stats over all alerts in a window from counts kept per index segment, so that a month of
 * alerts costs a few thousand additions instead of a doc-values walk over millions of alerts.
 *
 * <p>The whole UTC days inside the window come from {@link SegmentCounts} (groups by day,
 * histogram by minute); the partial days at the window's edges, the minutes a histogram bucket
 * boundary cuts in two, and segments too small to be worth counting ahead are walked exactly
 * as an unfiltered {@link StatsCollector} would. The result is therefore exact, not an
 * estimate. Counts belong to immutable segments and are cached by the segment's core key
 * (dropped when Lucene closes the segment); deleted alerts are counted per reader generation
 * (usually a handful) and subtracted, so updates and retention need no bookkeeping here.
 *
 * <p>Only for a query without a filter: a filter needs the walk anyway.
 */
final class PrecountedStats {

    /** Smaller segments (fresh NRT flushes) are walked: counting them ahead saves nothing. */
    static final int MIN_SEGMENT_DOCS = 1000;

    private record Key(Object reader, String field) {
    }

    private final Map<Key, Optional<SegmentCounts>> cache = new ConcurrentHashMap<>();
    private final Set<Object> listening = ConcurrentHashMap.newKeySet();

    /**
     * Adds the counts of the window [from, toExclusive) (epoch millis) to {@code collector},
     * which was made for that window and the requested histogram.
     *
     * @return false, with nothing counted, when the window holds no whole UTC day; the caller
     *         walks it instead
     */
    boolean count(IndexSearcher searcher, String field, long from, long toExclusive, StatsCollector collector)
            throws IOException {
        long firstDay = -Math.floorDiv(-from, SegmentCounts.DAY);
        long endDay = Math.floorDiv(toExclusive, SegmentCounts.DAY);
        if (firstDay >= endDay) {
            return false;
        }
        long middleFrom = firstDay * SegmentCounts.DAY;
        long middleTo = endDay * SegmentCounts.DAY;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            walk(searcher, leaf, from, middleFrom, collector.counting(true, true, true));
            walk(searcher, leaf, middleTo, toExclusive, collector.counting(true, true, true));
            countWholeDays(searcher, leaf, field, firstDay, endDay, collector);
        }
        return true;
    }

    private void countWholeDays(IndexSearcher searcher, LeafReaderContext leaf, String field, long firstDay,
                                long endDay, StatsCollector collector) throws IOException {
        long from = firstDay * SegmentCounts.DAY;
        long to = endDay * SegmentCounts.DAY;
        LeafReader reader = leaf.reader();
        SegmentCounts all = segmentCounts(reader, field);
        Bits live = reader.getLiveDocs();
        SegmentCounts deleted = all == null || live == null ? null : deletedCounts(reader, field, live);
        if (all == null || (live != null && deleted == null)) {
            walk(searcher, leaf, from, to, collector.counting(true, true, true));
            return;
        }
        boolean groups = all.hasGroups() && (deleted == null || deleted.hasGroups());
        boolean minutes = all.hasMinutes() && (deleted == null || deleted.hasMinutes());
        collector.total += all.total(firstDay, endDay) - (deleted == null ? 0 : deleted.total(firstDay, endDay));
        if (groups) {
            SortedSetDocValues values = DocValues.getSortedSet(reader, field);
            long[] counts = new long[(int) values.getValueCount()];
            all.addGroups(firstDay, endDay, counts, 1);
            if (deleted != null) {
                deleted.addGroups(firstDay, endDay, counts, -1);
            }
            for (int ord = 0; ord < counts.length; ord++) {
                if (counts[ord] != 0) {
                    collector.groups.merge(values.lookupOrd(ord).utf8ToString(), counts[ord], Long::sum);
                }
            }
        }
        if (!groups || !minutes) {
            walk(searcher, leaf, from, to, collector.counting(false, !groups, !minutes));
        }
        if (minutes) {
            List<Long> cut = new ArrayList<>();
            long toMinute = to / SegmentCounts.MINUTE;
            for (int i = all.minuteIndex(from / SegmentCounts.MINUTE); i < all.minuteEntries(); i++) {
                long minute = all.minuteAt(i);
                if (minute >= toMinute) {
                    break;
                }
                long start = minute * SegmentCounts.MINUTE;
                int bucket = collector.bucket(start);
                if (bucket < 0 || bucket != collector.bucket(start + SegmentCounts.MINUTE - 1)) {
                    cut.add(minute); // a bucket boundary inside the minute (or outside the histogram)
                    continue;
                }
                collector.histogram[bucket] += all.minuteCountAt(i) - (deleted == null ? 0 : deleted.minuteCount(minute));
            }
            collector.counting(false, false, true);
            for (long minute : cut) {
                walk(searcher, leaf, minute * SegmentCounts.MINUTE, (minute + 1) * SegmentCounts.MINUTE, collector);
            }
        }
    }

    /** Runs {@code collector} over the live alerts of one segment detected in [from, to). */
    private static void walk(IndexSearcher searcher, LeafReaderContext leaf, long from, long to,
                             StatsCollector collector) throws IOException {
        if (from >= to) {
            return;
        }
        // Most segments hold no alert of a given edge or minute: skip them before building anything.
        PointValues points = leaf.reader().getPointValues(AlertDocuments.DETECTED_AT);
        if (points == null || points.size() == 0
                || LongPoint.decodeDimension(points.getMaxPackedValue(), 0) < from
                || LongPoint.decodeDimension(points.getMinPackedValue(), 0) >= to) {
            return;
        }
        // The query's own weight, not the searcher's: these ranges are one-offs, and the query
        // cache would spend a bitset over the whole segment on them.
        Weight weight = searcher.rewrite(LongPoint.newRangeQuery(AlertDocuments.DETECTED_AT, from, to - 1))
                .createWeight(searcher, ScoreMode.COMPLETE_NO_SCORES, 1f);
        BulkScorer scorer = weight.bulkScorer(leaf);
        if (scorer == null) {
            return;
        }
        LeafCollector leafCollector = collector.getLeafCollector(leaf);
        scorer.score(leafCollector, leaf.reader().getLiveDocs());
        leafCollector.finish();
    }

    private SegmentCounts segmentCounts(LeafReader reader, String field) throws IOException {
        if (reader.maxDoc() < MIN_SEGMENT_DOCS) {
            return null;
        }
        return cached(reader.getCoreCacheHelper(), field, () -> SegmentCounts.count(reader, field, null, true));
    }

    private SegmentCounts deletedCounts(LeafReader reader, String field, Bits live) throws IOException {
        return cached(reader.getReaderCacheHelper(), field, () -> SegmentCounts.count(reader, field,
                SegmentCounts.deletedDocs(live, reader.maxDoc()), false));
    }

    private interface Counting {
        SegmentCounts count() throws IOException;
    }

    private SegmentCounts cached(IndexReader.CacheHelper helper, String field, Counting counting) throws IOException {
        if (helper == null) {
            return null;
        }
        Key key = new Key(helper.getKey(), field);
        Optional<SegmentCounts> counts = cache.get(key);
        if (counts == null) {
            counts = Optional.ofNullable(counting.count());
            if (listening.add(helper.getKey())) {
                // Fires when Lucene drops the segment (merged away) or the reader generation.
                helper.addClosedListener(closed -> {
                    cache.keySet().removeIf(k -> k.reader() == closed);
                    listening.remove(closed);
                });
            }
            cache.put(key, counts);
        }
        return counts.orElse(null);
    }

    /** Segments with counts held, for tests. */
    int cachedEntries() {
        return cache.size();
    }
}
