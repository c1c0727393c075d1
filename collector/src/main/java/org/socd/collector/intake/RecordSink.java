package org.socd.collector.intake;

import org.socd.protocol.event.ReceiveMetadata;

/**
 * Where inputs hand each received record. One job: take it now or refuse it now.
 *
 * <p>Inputs never wait on a sink: a Netty event loop that blocks stalls every connection it
 * serves. A refusal tells the input to apply its own policy (TCP stops reading until
 * capacity returns; UDP counts a drop).
 */
@FunctionalInterface
public interface RecordSink {

    /**
     * Offers one framed record; the sink copies what it keeps, so the caller may reuse
     * {@code data} as soon as this returns.
     *
     * @return true if taken, false if the sink is full right now
     */
    boolean offer(byte[] data, int offset, int length, ReceiveMetadata meta);

    /**
     * Offers records that arrived together and share one metadata (the frames of one TCP read),
     * in order: record {@code i} is {@code arrays[i][offsets[i] .. offsets[i] + lengths[i])}.
     * The sink takes a prefix of them: a sink with a lock or a capacity check pays for it once
     * per call instead of once per record, which at hundreds of thousands of records a second
     * on an input thread is worth having. Like {@link #offer(byte[], int, int, ReceiveMetadata)},
     * the sink copies what it keeps.
     *
     * @return how many it took: records {@code from .. from + n - 1}; the rest wait with the caller
     */
    default int offer(byte[][] arrays, int[] offsets, int[] lengths, int from, int to, ReceiveMetadata meta) {
        for (int i = from; i < to; i++) {
            if (!offer(arrays[i], offsets[i], lengths[i], meta)) {
                return i - from;
            }
        }
        return to - from;
    }

    /**
     * Why {@link #offer} refuses records right now, as a value for a metric's {@code reason}
     * tag: inputs that drop (UDP) count each drop under it, so an operator can tell a busy
     * pipeline from a full disk.
     */
    default String refusalReason() {
        return "pipeline_full";
    }
}
