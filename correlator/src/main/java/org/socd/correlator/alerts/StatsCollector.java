package org.socd.correlator.alerts;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Counts matching alerts by the values of one sorted-set doc-values field and by detection
 * time bucket. Counting happens per segment by ordinal (an array increment per document); the
 * terms are looked up once per segment when it is done, which is what keeps a month of
 * alerts fast.
 */
final class StatsCollector extends SimpleCollector {

    private final String groupField;
    final long fromMillis;
    final long intervalMillis;
    final long[] histogram;
    final Map<String, Long> groups = new HashMap<>();
    long total;
    /** What {@link #collect} counts; all three unless a caller has the rest precounted. */
    private boolean countTotal = true;
    private boolean countGroups = true;
    private boolean countHistogram = true;

    private SortedSetDocValues values;
    private NumericDocValues detectedAt;
    private long[] ordinalCounts;

    StatsCollector(String groupField, long fromMillis, long toMillis, long intervalMillis) {
        this.groupField = groupField;
        this.fromMillis = fromMillis;
        this.intervalMillis = intervalMillis;
        this.histogram = new long[(int) ((toMillis - fromMillis + intervalMillis - 1) / intervalMillis)];
    }

    /** Chooses what the next segments' documents count for. */
    StatsCollector counting(boolean total, boolean groups, boolean histogram) {
        countTotal = total;
        countGroups = groups;
        countHistogram = histogram;
        return this;
    }

    /** The histogram bucket of a detection time, or -1 when it is outside the histogram. */
    int bucket(long detectedAtMillis) {
        if (detectedAtMillis < fromMillis) {
            return -1;
        }
        long bucket = (detectedAtMillis - fromMillis) / intervalMillis;
        return bucket < histogram.length ? (int) bucket : -1;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        foldSegment();
        values = DocValues.getSortedSet(context.reader(), groupField);
        detectedAt = DocValues.getNumeric(context.reader(), AlertDocuments.DETECTED_AT);
        ordinalCounts = new long[(int) Math.min(Integer.MAX_VALUE - 8, values.getValueCount())];
    }

    @Override
    public void setScorer(Scorable scorer) {
        // counts only; scores are not needed
    }

    @Override
    public void collect(int doc) throws IOException {
        if (countTotal) {
            total++;
        }
        if (countGroups && values.advanceExact(doc)) {
            for (int i = 0; i < values.docValueCount(); i++) {
                ordinalCounts[(int) values.nextOrd()]++;
            }
        }
        if (countHistogram && detectedAt.advanceExact(doc)) {
            int bucket = bucket(detectedAt.longValue());
            if (bucket >= 0) {
                histogram[bucket]++;
            }
        }
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    /** Adds this segment's counts (Lucene calls it after each segment; calling again is harmless). */
    @Override
    public void finish() throws IOException {
        foldSegment();
    }

    private void foldSegment() throws IOException {
        if (ordinalCounts == null) {
            return;
        }
        for (int ord = 0; ord < ordinalCounts.length; ord++) {
            if (ordinalCounts[ord] > 0) {
                groups.merge(values.lookupOrd(ord).utf8ToString(), ordinalCounts[ord], Long::sum);
            }
        }
        ordinalCounts = null;
    }
}
