package org.socd.correlator.pipeline;

import com.lmax.disruptor.EventHandler;
import java.util.List;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;

/** Detect shard {@code ordinal} of {@code shards}: runs the rules on the events that fall to it. */
final class DetectStage implements EventHandler<RecordSlot> {

    private final int ordinal;
    private final int shards;
    private final Detector detector;

    DetectStage(int ordinal, int shards, Detector detector) {
        this.ordinal = ordinal;
        this.shards = shards;
        this.detector = detector;
    }

    @Override
    public void onStart() {
        Thread.currentThread().setName("socd-detect-" + ordinal);
    }

    @Override
    public void onEvent(RecordSlot slot, long sequence, boolean endOfBatch) {
        if (sequence % shards != ordinal) {
            return;
        }
        Event event = slot.event();
        if (event == null) {
            return; // decoding failed and was counted there
        }
        List<RuleMatch> matches = detector.detect(event);
        if (matches == null) {
            throw new IllegalStateException("detector " + detector.getClass().getName()
                    + " returned null; it must return an empty list when no rule matches");
        }
        slot.matches(matches);
    }
}
