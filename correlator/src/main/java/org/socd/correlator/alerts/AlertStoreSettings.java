package org.socd.correlator.alerts;

import java.time.Duration;

/**
 * How the alert store keeps its index.
 *
 * @param retention alerts detected longer ago than this are deleted by a daily task
 * @param commitInterval how often changes are made durable (and on close)
 */
public record AlertStoreSettings(Duration retention, Duration commitInterval) {

    public static final int DEFAULT_RETENTION_DAYS = 180;

    public AlertStoreSettings {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("alert retention must be positive, got " + retention);
        }
        if (commitInterval.toMillis() < 100) {
            throw new IllegalArgumentException("alert commit interval must be at least 100 ms, got " + commitInterval);
        }
    }

    /** 180 days' retention, a commit every 5 s. */
    public static AlertStoreSettings defaults() {
        return new AlertStoreSettings(Duration.ofDays(DEFAULT_RETENTION_DAYS), Duration.ofSeconds(5));
    }
}
