package org.socd.correlator.pipeline;

import java.util.List;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;

/** The detect step of a {@link ShardStage}: runs the rules on the slot's event. */
final class DetectStage {

    private final Detector detector;

    DetectStage(Detector detector) {
        this.detector = detector;
    }

    void detect(RecordSlot slot) {
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
