package org.socd.collector.config;

/** A configuration the daemon cannot start with; the message says where and what to change. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
