package org.socd.correlator.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.rules.Level;

/**
 * The precounted stats path must give exactly what the doc-values walk gives, for every group
 * field, over windows with and without whole days, with deleted and rewritten alerts.
 */
class PrecountedStatsTest {

    private static final Instant END = Instant.parse("2026-11-26T00:00:00Z");
    private static final long SPAN_MILLIS = Duration.ofDays(9).toMillis();
    private static final Level[] LEVELS = Level.values();
    private static final String[] TACTICS = {"credential-access", "persistence", "discovery", "execution"};

    @TempDir
    Path dir;

    private AlertStore store;
    private final SplittableRandom random = new SplittableRandom(7);

    @BeforeEach
    void open() throws IOException {
        store = AlertStore.open(dir.resolve("alerts"), new SimpleMeterRegistry(), Clock.fixed(END, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Alert alert(int i, int n) {
        long detected = END.toEpochMilli() - SPAN_MILLIS + (long) i * SPAN_MILLIS / n;
        // Not quite in time order, as a journal replay or a slow input would deliver them.
        detected += random.nextLong(-3_600_000, 3_600_000);
        int rule = random.nextInt(30);
        List<String> tags = new ArrayList<>();
        tags.add("attack." + TACTICS[rule % TACTICS.length]);
        if (rule % 3 == 0) {
            tags.add("attack." + TACTICS[(rule + 1) % TACTICS.length]); // two tactics: multi-valued
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("message", "event " + i);
        Instant at = Instant.ofEpochMilli(detected);
        return new Alert(String.format("id-%06d", i), "rule-" + rule, "Rule " + rule, LEVELS[rule % LEVELS.length],
                tags, AlertStatus.NEW, "host-" + random.nextInt(rule % 2 == 0 ? 40 : 4000), "user", "10.0.0.1",
                at, at, event);
    }

    @Test
    void precountedStatsEqualTheWalk() {
        int n = 8_000;
        for (int i = 0; i < n; i++) {
            store.accept(alert(i, n));
            if (i % 1600 == 1599) {
                store.commit(); // a segment per commit: several big enough to be precounted
            }
        }
        store.endOfBatch();
        store.commit();
        awaitCount(n);
        compareManyWindows(25);
        assertTrue(store.precountedEntries() > 0, "the precounted path was never taken");

        // Deletions inside precounted segments: analyst changes rewrite alerts, a replay
        // rewrites others, retention drops the oldest day.
        for (int i = 0; i < n; i += 97) {
            store.update(String.format("id-%06d", i), "alice", new AlertChange.Acknowledge());
        }
        for (int i = 5; i < n; i += 131) {
            store.accept(alert(i, n));
        }
        store.endOfBatch();
        store.commit();
        // Retention refreshes the searcher when it is done: both paths see the same alerts.
        assertTrue(store.deleteDetectedBefore(END.minus(Duration.ofDays(8)).plusSeconds(12_345)) > 0);
        compareManyWindows(25);
    }

    private void compareManyWindows(int windows) {
        Instant start = END.minus(Duration.ofDays(10));
        List<StatsQuery> queries = new ArrayList<>();
        // Whole days exactly, and the benchmark's shape.
        queries.add(new StatsQuery("", END.minus(Duration.ofDays(7)), END, StatsQuery.GroupBy.RULE, 1000,
                Duration.ofDays(1)));
        // 'to' inside a millisecond keeps that millisecond.
        queries.add(new StatsQuery("", END.minus(Duration.ofDays(5)).plusNanos(500_000), END.minusNanos(1),
                StatsQuery.GroupBy.TACTIC, 1000, Duration.ofHours(6)));
        for (int w = 0; w < windows; w++) {
            Instant from = start.plusMillis(random.nextLong(Duration.ofDays(6).toMillis()));
            Instant to = from.plusMillis(random.nextLong(1000, Duration.ofDays(5).toMillis()));
            StatsQuery.GroupBy groupBy = StatsQuery.GroupBy.values()[w % StatsQuery.GroupBy.values().length];
            Duration interval = w % 3 == 0 ? StatsQuery.autoInterval(from, to)
                    : Duration.ofSeconds(random.nextLong(Math.max(1, Duration.between(from, to).toSeconds() / 500), 20_000));
            queries.add(new StatsQuery("", from, to, groupBy, 1000, interval));
        }
        for (StatsQuery q : queries) {
            AlertStats walked = store.stats(q, false);
            AlertStats precounted = store.stats(q, true);
            assertEquals(walked, precounted, "stats for " + q);
        }
    }

    /** Waits (bounded) until searches see {@code n} alerts, so both paths see the same ones. */
    private void awaitCount(long n) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (store.count() != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("index shows " + store.count() + " alerts, expected " + n);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aFilteredQueryWalksAndStillCounts() {
        int n = 3000;
        for (int i = 0; i < n; i++) {
            store.accept(alert(i, n));
        }
        store.endOfBatch();
        store.commit();
        awaitCount(n);
        StatsQuery q = new StatsQuery("level:high", END.minus(Duration.ofDays(8)), END, StatsQuery.GroupBy.RULE, 1000,
                Duration.ofDays(1));
        AlertStats stats = store.stats(q);
        assertEquals(store.stats(q, false), stats);
        assertTrue(stats.total() > 0);
        assertEquals(0, store.precountedEntries());
    }
}
