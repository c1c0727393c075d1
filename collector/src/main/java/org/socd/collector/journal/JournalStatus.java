package org.socd.collector.journal;

/**
 * The journal at a glance, as {@code GET /api/v1/journal} and {@code soc journal status} show it.
 *
 * @param dir              the journal directory
 * @param sizeBytes        bytes of segment files
 * @param segments         number of segment files
 * @param oldestPosition   position of the oldest record kept
 * @param newestPosition   position of the newest durable record (oldest - 1 when empty)
 * @param checkpoint       every record below this position is fully processed
 * @param lagRecords       durable records not yet fully processed
 * @param lagSeconds       age of the oldest unprocessed record, 0 when there is none
 * @param blocked          why appends are refused ({@code disk_full}, {@code budget}, {@code io_error}), or null
 * @param corruptRecords   corrupt records skipped since start
 * @param truncatedBytes   bytes of torn records cut off at startup
 */
public record JournalStatus(String dir, long sizeBytes, int segments, long oldestPosition, long newestPosition,
                            long checkpoint, long lagRecords, double lagSeconds, String blocked,
                            long corruptRecords, long truncatedBytes) {
}
