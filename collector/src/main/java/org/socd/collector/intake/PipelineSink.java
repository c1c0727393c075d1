package org.socd.collector.intake;

import java.util.Objects;
import org.socd.correlator.pipeline.Pipeline;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * Inputs straight into the pipeline ring, for a daemon run without a journal: a record is
 * taken when a slot is free, and a run of records claims its slots together.
 */
public final class PipelineSink implements RecordSink {

    private final Pipeline pipeline;

    public PipelineSink(Pipeline pipeline) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    }

    @Override
    public boolean offer(byte[] data, int offset, int length, ReceiveMetadata meta) {
        return pipeline.tryPublish(data, offset, length, meta);
    }

    @Override
    public int offer(byte[][] arrays, int[] offsets, int[] lengths, int from, int to, ReceiveMetadata meta) {
        Objects.checkFromToIndex(from, to, arrays.length);
        if (from == to) {
            return 0;
        }
        Pipeline.Claim claim = pipeline.tryClaim(to - from);
        if (claim == null) {
            return 0;
        }
        try {
            for (int i = 0; i < claim.size(); i++) {
                claim.fill(i, arrays[from + i], offsets[from + i], lengths[from + i], meta, -1);
            }
        } finally {
            claim.publish();
        }
        return claim.size();
    }
}
