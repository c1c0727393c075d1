package org.socd.collector.syslog;

import java.time.Instant;

/** Wall-clock receive stamps in epoch nanoseconds, the unit of {@code ReceiveMetadata}. */
final class Clocks {
    private Clocks() {
    }

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
