package org.socd.collector.journal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the journal shows Prometheus: {@code socd_journal_size_bytes}, {@code socd_journal_segments},
 * {@code socd_journal_oldest_position}, {@code socd_journal_newest_position},
 * {@code socd_journal_checkpoint}, {@code socd_journal_lag_records}, {@code socd_journal_lag_seconds},
 * {@code socd_journal_blocked{reason}} (1 while appends are refused for that reason),
 * {@code socd_journal_refused_total}, {@code socd_journal_corrupt_records_total},
 * {@code socd_journal_truncated_bytes_total}, {@code socd_journal_segments_deleted_total},
 * {@code socd_journal_fsync_seconds}, {@code socd_journal_fed_records_total{source}} (records handed
 * to the pipeline from the writer's memory, or read back from disk: at start, or when the
 * pipeline had fallen too far behind for memory to hold them).
 */
final class JournalMetrics {

    private static final Logger LOG = System.getLogger(Journal.class.getName());

    final Counter refused;
    final Counter corruptRecords;
    final Counter truncatedBytes;
    final Counter segmentsDeleted;
    final Timer fsync;
    final Counter fedFromMemory;
    final Counter fedFromDisk;
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    JournalMetrics(MeterRegistry registry, Journal journal) {
        this.registry = registry;
        refused = add(Counter.builder("socd.journal.refused")
                .description("Appends refused (buffer full, disk full, budget); the input paused or, for UDP, dropped")
                .register(registry));
        corruptRecords = add(Counter.builder("socd.journal.corrupt.records")
                .description("Corrupt journal records skipped (CRC mismatch); each is logged with file and offset")
                .register(registry));
        truncatedBytes = add(Counter.builder("socd.journal.truncated.bytes")
                .description("Bytes of torn last records cut off at startup").register(registry));
        segmentsDeleted = add(Counter.builder("socd.journal.segments.deleted")
                .description("Processed segments deleted by retention").register(registry));
        fedFromMemory = add(Counter.builder("socd.journal.fed.records").tag("source", "memory")
                .description("Records handed to the pipeline, by where they came from").register(registry));
        fedFromDisk = add(Counter.builder("socd.journal.fed.records").tag("source", "disk")
                .description("Records handed to the pipeline, by where they came from").register(registry));
        fsync = add(Timer.builder("socd.journal.fsync").description("Group-commit fsync time").register(registry));
        add(Gauge.builder("socd.journal.size.bytes", journal, Journal::sizeBytes)
                .description("Bytes of journal segments on disk").register(registry));
        add(Gauge.builder("socd.journal.segments", journal, Journal::segmentCount)
                .description("Journal segment files").register(registry));
        add(Gauge.builder("socd.journal.oldest.position", journal, Journal::oldestPosition)
                .description("Position of the oldest record kept").register(registry));
        add(Gauge.builder("socd.journal.newest.position", journal, j -> j.durableEnd() - 1)
                .description("Position of the newest durable record").register(registry));
        add(Gauge.builder("socd.journal.checkpoint", journal, Journal::checkpoint)
                .description("Every record below this position is fully processed").register(registry));
        add(Gauge.builder("socd.journal.lag.records", journal, j -> j.durableEnd() - j.checkpoint())
                .description("Durable records not yet fully processed").register(registry));
        add(Gauge.builder("socd.journal.lag.seconds", journal, Journal::lagSeconds)
                .description("Age of the oldest durable record not yet fully processed").register(registry));
        for (Journal.Blocked reason : Journal.Blocked.values()) {
            add(Gauge.builder("socd.journal.blocked", journal, j -> j.blocked() == reason ? 1 : 0)
                    .tag("reason", reason.name().toLowerCase())
                    .description("1 while the journal refuses appends for this reason; inputs stop acknowledging")
                    .register(registry));
        }
    }

    private <M extends Meter> M add(M meter) {
        meters.add(meter);
        return meter;
    }

    /**
     * Counts and logs one stretch of garbage: {@code lostRecords} is how many positions it
     * covered (-1 when unknown, at a segment's end).
     */
    void reportCorrupt(Path file, long offset, long bytes, long lostRecords) {
        long counted = Math.max(1, lostRecords);
        corruptRecords.increment(counted);
        LOG.log(Level.WARNING, "journal: " + file + ": " + bytes + " corrupt byte(s) at offset " + offset
                + " (CRC mismatch); skipped " + (lostRecords < 0 ? "the rest of the segment" : lostRecords + " record(s)")
                + " and went on with the next valid record. The file needs no repair.");
    }

    void close() {
        meters.forEach(registry::remove);
    }
}
