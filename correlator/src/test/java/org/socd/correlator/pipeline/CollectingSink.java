package org.socd.correlator.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.socd.correlator.alerts.Alert;
import org.socd.correlator.alerts.AlertSink;

/** Records what the alert stage hands over, in order; read it only after the pipeline is closed. */
class CollectingSink implements AlertSink {
    final List<Alert> alerts = new ArrayList<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public void accept(Alert alert) {
        alerts.add(alert);
        calls.add("accept");
    }

    @Override
    public void endOfBatch() {
        calls.add("endOfBatch");
    }
}
