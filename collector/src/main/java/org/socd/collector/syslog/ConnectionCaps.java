package org.socd.collector.syslog;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many connections one input holds open, in total and per source address, so that one
 * misbehaving host (or a flood of them) cannot take every file descriptor the daemon has.
 * Thread-safe: connections on different event loops share it.
 */
final class ConnectionCaps {

    /** Why a connection was or was not let in. */
    enum Admission { ADMITTED, GLOBAL_LIMIT, PER_IP_LIMIT }

    private final int max;
    private final int maxPerIp;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perIp = new ConcurrentHashMap<>();

    ConnectionCaps(int max, int maxPerIp) {
        if (max <= 0 || maxPerIp <= 0) {
            throw new IllegalArgumentException("connection caps must be positive: " + max + ", " + maxPerIp);
        }
        this.max = max;
        this.maxPerIp = maxPerIp;
    }

    /** Takes a slot for {@code ip}; on ADMITTED the caller must {@link #release} it when the connection ends. */
    Admission tryAcquire(InetAddress ip) {
        if (total.incrementAndGet() > max) {
            total.decrementAndGet();
            return Admission.GLOBAL_LIMIT;
        }
        boolean[] admitted = {false};
        perIp.compute(ip, (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= maxPerIp) {
                return n;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            return Admission.PER_IP_LIMIT;
        }
        return Admission.ADMITTED;
    }

    void release(InetAddress ip) {
        perIp.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1);
        total.decrementAndGet();
    }

    /** Open connections from {@code ip}. */
    int openFrom(InetAddress ip) {
        return perIp.getOrDefault(ip, 0);
    }

    /** Addresses with open connections; entries are removed at zero so the map cannot grow without bound. */
    int addresses() {
        return perIp.size();
    }
}
