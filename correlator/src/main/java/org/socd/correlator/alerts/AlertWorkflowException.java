package org.socd.correlator.alerts;

/** A change that does not fit the alert's current status, e.g. acknowledging a closed alert. */
public final class AlertWorkflowException extends RuntimeException {
    public AlertWorkflowException(String message) {
        super(message);
    }
}
