package org.socd.correlator.alerts;

/**
 * An alert query that cannot be parsed. The message quotes the query and names the problem
 * and its position (line and column), so the HTTP API can return it to the analyst as is.
 */
public final class AlertQueryException extends RuntimeException {
    public AlertQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
