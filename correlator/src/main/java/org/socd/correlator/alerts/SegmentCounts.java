package org.socd.correlator.alerts;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;

/**
 * One segment's alerts counted by UTC day and group value (ordinal of one sorted-set field),
 * by UTC day, and by minute of detection, from one walk of its doc values.
 *
 * <p>Segments are immutable, so the counts of a segment never go stale; deletions are counted
 * separately (a {@code SegmentCounts} of the deleted documents only) and subtracted. Either part
 * may be missing ({@link #hasGroups()}, {@link #hasMinutes()}) when it would not be much
 * smaller than the segment itself, e.g. host counts of a small segment: the caller then walks
 * the doc values for that part, which is as fast as counting gets for so few documents.
 */
final class SegmentCounts {

    static final long DAY = 86_400_000L;
    static final long MINUTE = 60_000L;
    /** Beyond this many (day, value) cells or minutes the dense scratch arrays get too big. */
    private static final long MAX_DENSE_CELLS = 16_000_000L;

    /** The first UTC day (epoch day number) of {@link #dayTotals}. */
    private final long firstDay;
    private final long[] dayTotals;
    /** CSR by day: ordinals and counts of day d are at [dayStart[d - firstDay], dayStart[d - firstDay + 1]). */
    private final int[] dayStart;
    private final int[] ords;
    private final int[] ordCounts;
    /** Sorted epoch minutes that have alerts, with their counts. */
    private final long[] minutes;
    private final int[] minuteCounts;

    private SegmentCounts(long firstDay, long[] dayTotals, int[] dayStart, int[] ords, int[] ordCounts,
                          long[] minutes, int[] minuteCounts) {
        this.firstDay = firstDay;
        this.dayTotals = dayTotals;
        this.dayStart = dayStart;
        this.ords = ords;
        this.ordCounts = ordCounts;
        this.minutes = minutes;
        this.minuteCounts = minuteCounts;
    }

    /**
     * Counts the documents {@code onlyDocs} (ascending) of {@code reader}, or all of them, deleted
     * ones included, when it is null.
     *
     * @param compact true to give up a part that is not at least 8x smaller than the segment
     * @return the counts, or null when the segment has no detection times or they span too much
     */
    static SegmentCounts count(LeafReader reader, String field, int[] onlyDocs, boolean compact) throws IOException {
        PointValues points = reader.getPointValues(AlertDocuments.DETECTED_AT);
        if (points == null || points.size() == 0) {
            return null;
        }
        long min = LongPoint.decodeDimension(points.getMinPackedValue(), 0);
        long max = LongPoint.decodeDimension(points.getMaxPackedValue(), 0);
        long firstDay = Math.floorDiv(min, DAY);
        long days = Math.floorDiv(max, DAY) - firstDay + 1;
        long firstMinute = Math.floorDiv(min, MINUTE);
        long spanMinutes = Math.floorDiv(max, MINUTE) - firstMinute + 1;
        if (days > MAX_DENSE_CELLS) {
            return null;
        }
        SortedSetDocValues values = DocValues.getSortedSet(reader, field);
        long valueCount = values.getValueCount();
        boolean groups = days * Math.max(1, valueCount) <= MAX_DENSE_CELLS;
        boolean byMinute = spanMinutes <= MAX_DENSE_CELLS;
        long[] dayTotals = new long[(int) days];
        int[] cells = groups ? new int[(int) (days * valueCount)] : null;
        int[] minuteCells = byMinute ? new int[(int) spanMinutes] : null;
        NumericDocValues detectedAt = DocValues.getNumeric(reader, AlertDocuments.DETECTED_AT);
        long docs = 0;
        int next = 0;
        while (true) {
            int doc;
            if (onlyDocs == null) {
                doc = detectedAt.nextDoc();
                if (doc == DocIdSetIterator.NO_MORE_DOCS) {
                    break;
                }
            } else {
                if (next == onlyDocs.length) {
                    break;
                }
                doc = onlyDocs[next++];
                if (!detectedAt.advanceExact(doc)) {
                    continue;
                }
            }
            docs++;
            long millis = detectedAt.longValue();
            int day = (int) (Math.floorDiv(millis, DAY) - firstDay);
            dayTotals[day]++;
            if (minuteCells != null) {
                minuteCells[(int) (Math.floorDiv(millis, MINUTE) - firstMinute)]++;
            }
            if (cells != null && values.advanceExact(doc)) {
                for (int i = 0; i < values.docValueCount(); i++) {
                    cells[(int) (day * valueCount + values.nextOrd())]++;
                }
            }
        }
        long limit = compact ? Math.max(64, docs / 8) : Long.MAX_VALUE;
        int[] dayStart = null;
        int[] ords = null;
        int[] ordCounts = null;
        if (cells != null) {
            int nonZero = nonZero(cells);
            if (nonZero <= limit) {
                dayStart = new int[(int) days + 1];
                ords = new int[nonZero];
                ordCounts = new int[nonZero];
                int n = 0;
                for (int d = 0; d < days; d++) {
                    dayStart[d] = n;
                    for (int ord = 0; ord < valueCount; ord++) {
                        int c = cells[(int) (d * valueCount + ord)];
                        if (c != 0) {
                            ords[n] = ord;
                            ordCounts[n++] = c;
                        }
                    }
                }
                dayStart[(int) days] = n;
            }
        }
        long[] minutes = null;
        int[] minuteCounts = null;
        if (minuteCells != null) {
            int nonZero = nonZero(minuteCells);
            if (nonZero <= limit) {
                minutes = new long[nonZero];
                minuteCounts = new int[nonZero];
                int n = 0;
                for (int m = 0; m < minuteCells.length; m++) {
                    if (minuteCells[m] != 0) {
                        minutes[n] = firstMinute + m;
                        minuteCounts[n++] = minuteCells[m];
                    }
                }
            }
        }
        return new SegmentCounts(firstDay, dayTotals, dayStart, ords, ordCounts, minutes, minuteCounts);
    }

    /** The deleted documents of a segment, ascending. */
    static int[] deletedDocs(Bits liveDocs, int maxDoc) {
        int[] docs = new int[16];
        int n = 0;
        for (int doc = 0; doc < maxDoc; doc++) {
            if (!liveDocs.get(doc)) {
                if (n == docs.length) {
                    docs = Arrays.copyOf(docs, n * 2);
                }
                docs[n++] = doc;
            }
        }
        return Arrays.copyOf(docs, n);
    }

    private static int nonZero(int[] cells) {
        int n = 0;
        for (int c : cells) {
            if (c != 0) {
                n++;
            }
        }
        return n;
    }

    boolean hasGroups() {
        return ords != null;
    }

    boolean hasMinutes() {
        return minutes != null;
    }

    /** Documents detected in the whole UTC days [fromDay, toDay) (epoch day numbers). */
    long total(long fromDay, long toDay) {
        long sum = 0;
        for (long d = Math.max(fromDay, firstDay); d < Math.min(toDay, firstDay + dayTotals.length); d++) {
            sum += dayTotals[(int) (d - firstDay)];
        }
        return sum;
    }

    /** Adds {@code sign} times the per-ordinal counts of days [fromDay, toDay) to {@code counts}. */
    void addGroups(long fromDay, long toDay, long[] counts, int sign) {
        long lo = Math.max(fromDay, firstDay);
        long hi = Math.min(toDay, firstDay + dayTotals.length);
        if (lo >= hi) {
            return;
        }
        for (int i = dayStart[(int) (lo - firstDay)]; i < dayStart[(int) (hi - firstDay)]; i++) {
            counts[ords[i]] += (long) sign * ordCounts[i];
        }
    }

    /** Index of the first minute entry at or after {@code minute}. */
    int minuteIndex(long minute) {
        int i = Arrays.binarySearch(minutes, minute);
        return i >= 0 ? i : -i - 1;
    }

    int minuteEntries() {
        return minutes.length;
    }

    long minuteAt(int index) {
        return minutes[index];
    }

    int minuteCountAt(int index) {
        return minuteCounts[index];
    }

    /** Documents detected in the given epoch minute. */
    int minuteCount(long minute) {
        int i = Arrays.binarySearch(minutes, minute);
        return i >= 0 ? minuteCounts[i] : 0;
    }
}
