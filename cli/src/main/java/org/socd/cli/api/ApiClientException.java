package org.socd.cli.api;

/** A request that failed, with a message meant for the person at the terminal. */
public final class ApiClientException extends RuntimeException {
    public ApiClientException(String message) {
        super(message);
    }
}
