package org.socd.correlator.pipeline;

/**
 * How big the pipeline is.
 *
 * @param ringSize slots in the ring, a power of two; a full ring makes publishers back off,
 *                 so this is the burst the daemon absorbs without dropping UDP
 * @param shards   threads for each of the decode and detect stages
 */
public record PipelineSettings(int ringSize, int shards) {

    public static final int DEFAULT_RING_SIZE = 65_536;

    public PipelineSettings {
        if (ringSize < 1 || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("pipeline ring size must be a power of two such as 65536, got "
                    + ringSize);
        }
        if (shards < 1 || shards > 256) {
            throw new IllegalArgumentException("pipeline shards must be between 1 and 256, got " + shards);
        }
    }

    /**
     * 65536 slots and one shard per core but one: the remaining core serves the Netty inputs
     * and the alert stage, which are light next to parsing and rule matching.
     */
    public static PipelineSettings defaults() {
        return new PipelineSettings(DEFAULT_RING_SIZE, Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }
}
