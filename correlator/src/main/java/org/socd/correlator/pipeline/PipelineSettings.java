package org.socd.correlator.pipeline;

import java.util.Objects;
import org.socd.rules.correlation.CorrelationLimits;

/**
 * How big the pipeline is.
 *
 * @param ringSize slots in the ring, a power of two; a full ring makes publishers back off,
 *                 so this is the burst the daemon absorbs without dropping UDP
 * @param shards   threads that decode records and run the rules on them
 * @param correlationLimits bounds on each correlation rule's state in the alert stage
 */
public record PipelineSettings(int ringSize, int shards, CorrelationLimits correlationLimits) {

    /**
     * Large enough that the stages ride out each other's scheduling hiccups. On a 2-core box the
     * alert stage and the journal feeder share a core with the inputs and the journal writer and
     * often wait milliseconds for it; with 8,192 slots (~10 ms of detect work) the ring filled
     * with records the alert stage had not yet passed, the feeder could not publish, and the
     * shard thread ran dry and slept 2-5 % of the time with the journal on. At 32,768 it never
     * ran dry, the shard ran 91-93 % of the wall clock instead of 87-91 %, and the alert stage
     * woke half as often in both journal modes (IngestJournalAb {@code sched},
     * docs/PERFORMANCE.md, ninth session).
     *
     * <p>Not much larger: an earlier layout decoded in its own stage, which ran a whole ring
     * ahead of detection, so every slot held a live decoded event for each GC to copy (65,536
     * slots cost 2.3 s of G1 pauses in 20 s of full-speed intake). Now decode and detect are one
     * stage, and only the slots between it and the alert stage (about a thousand under load)
     * hold events; the rest hold raw bytes, ~256 bytes a slot. Bursts beyond the ring are
     * buffered by the journal; without the journal, raise it for UDP.
     */
    public static final int DEFAULT_RING_SIZE = 32_768;

    public PipelineSettings {
        if (ringSize < 1 || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("pipeline ring size must be a power of two such as 65536, got "
                    + ringSize);
        }
        if (shards < 1 || shards > 256) {
            throw new IllegalArgumentException("pipeline shards must be between 1 and 256, got " + shards);
        }
        Objects.requireNonNull(correlationLimits, "correlationLimits");
    }

    /** With the default correlation limits. */
    public PipelineSettings(int ringSize, int shards) {
        this(ringSize, shards, CorrelationLimits.DEFAULTS);
    }

    /**
     * {@value #DEFAULT_RING_SIZE} slots and one shard per core but one: the remaining core serves the Netty inputs
     * and the alert stage, which are light next to parsing and rule matching.
     */
    public static PipelineSettings defaults() {
        return new PipelineSettings(DEFAULT_RING_SIZE, Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }
}
