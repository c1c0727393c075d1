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
     * Small on purpose: every slot between the decode stage and the alert stage holds a live
     * decoded event, and when detection is the bottleneck decode runs a whole ring ahead. At
     * 65,536 slots that kept ~100 MB of young objects alive for every GC to copy (2.3 s of G1
     * pauses in 20 s of full-speed TCP intake; 0.2-0.3 s at 8,192, and 10-35 % more messages/s).
     * Bursts are buffered by the journal, not the ring; without the journal, raise it for UDP.
     */
    public static final int DEFAULT_RING_SIZE = 8_192;

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
