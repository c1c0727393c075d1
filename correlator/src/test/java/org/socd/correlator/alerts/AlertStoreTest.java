package org.socd.correlator.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.rules.Level;

class AlertStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private AlertStore store;

    @BeforeEach
    void open() throws IOException {
        store = AlertStore.open(dir.resolve("alerts"), registry, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Alert alert(String id, String ruleId, String title, Level level, List<String> tags,
                               String host, String user, String srcIp, String message, Instant detectedAt) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("hostname", host);
        event.put("message", message);
        event.put("severity", 4L);
        return new Alert(id, ruleId, title, level, tags, AlertStatus.NEW, host, user, srcIp,
                detectedAt.minusSeconds(2), detectedAt, event);
    }

    /** Three alerts detected one minute apart: a (oldest), b, c (newest). */
    private void indexThree() {
        store.accept(alert("a1", "rule-ssh", "SSH brute force", Level.HIGH, List.of("attack.t1110"),
                "PC-01.corp.local", "alice", "10.0.0.5", "Failed password for alice from 10.0.0.5", T0));
        store.accept(alert("b2", "rule-sudo", "Sudo to root", Level.MEDIUM, List.of("attack.t1548", "attack.privesc"),
                "PC-02.corp.local", "bob", "10.0.0.6", "bob : TTY=pts/0 ; USER=root ; COMMAND=/bin/sh",
                T0.plusSeconds(60)));
        store.accept(alert("c3", "rule-ssh", "SSH brute force", Level.CRITICAL, List.of("attack.t1110"),
                "SRV-DB", "root", "192.168.1.9", "Failed password for root from 192.168.1.9",
                T0.plusSeconds(120)));
        store.endOfBatch();
        store.commit();
        awaitCount(3);
    }

    private void awaitCount(long expected) {
        await(() -> store.count() == expected, "index to show " + expected + " alerts, has " + store.count());
    }

    /** A bounded wait for a condition; the deadline is generous because it only limits a failure. */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private List<String> ids(String query) {
        return store.search(new AlertQuery(query, null, null, 100)).alerts().stream().map(Alert::id).toList();
    }

    @Test
    void searchesEachKeywordField() {
        indexThree();
        assertEquals(List.of("a1"), ids("id:a1"));
        assertEquals(List.of("c3", "a1"), ids("rule_id:rule-ssh"));
        assertEquals(List.of("b2"), ids("level:medium"));
        assertEquals(List.of("c3", "b2", "a1"), ids("status:new"));
        assertEquals(List.of("c3"), ids("host:SRV-DB"));
        assertEquals(List.of("b2"), ids("user:bob"));
        assertEquals(List.of("a1"), ids("src_ip:10.0.0.5"));
        assertEquals(List.of("b2"), ids("tags:attack.privesc"));
        assertEquals(List.of("c3", "a1"), ids("tags:attack.t1110"));
    }

    @Test
    void keywordFieldsMatchAnyCaseButKeepTheOriginal() {
        indexThree();
        assertEquals(List.of("a1"), ids("host:pc-01.corp.local"));
        assertEquals(List.of("c3"), ids("level:CRITICAL"));
        Alert a1 = store.get("a1").orElseThrow();
        assertEquals("PC-01.corp.local", a1.host());
    }

    @Test
    void prefixAndWildcardQueriesOnKeywords() {
        indexThree();
        assertEquals(List.of("a1"), ids("host:PC-01*"));
        assertEquals(List.of("b2", "a1"), ids("host:pc-0*"));
        assertEquals(List.of("b2", "a1"), ids("src_ip:10.0.0.*"));
        assertEquals(List.of("c3", "b2", "a1"), ids("tags:attack.t1*"));
    }

    @Test
    void freeTextSearchesMessageAndTitle() {
        indexThree();
        assertEquals(List.of("c3", "a1"), ids("failed"));
        assertEquals(List.of("b2"), ids("sudo"));          // only in the title
        assertEquals(List.of("c3"), ids("\"password for root\""));
        assertEquals(List.of("a1"), ids("message:alice AND level:high"));
        assertEquals(List.of(), ids("rule_title:kerberos"));
    }

    @Test
    void fromAndToFilterOnDetectionTime() {
        indexThree();
        assertEquals(List.of("c3", "b2"),
                store.search(new AlertQuery("", T0.plusSeconds(60), null, 10)).alerts().stream().map(Alert::id).toList());
        assertEquals(List.of("a1"),
                store.search(new AlertQuery(null, null, T0.plusSeconds(60), 10)).alerts().stream().map(Alert::id).toList());
        assertEquals(List.of("b2"),
                store.search(new AlertQuery("level:medium OR level:high", T0.plusSeconds(30), T0.plusSeconds(90), 10))
                        .alerts().stream().map(Alert::id).toList());
    }

    @Test
    void rangesOnTimeFieldsTakeIso8601() {
        indexThree();
        assertEquals(List.of("c3", "b2"), ids("detected_at:[2026-11-26T10:01:00Z TO *]"));
        assertEquals(List.of("b2", "a1"), ids("detected_at:[* TO 2026-11-26T10:02:00Z}"));
        assertEquals(List.of("c3", "b2", "a1"), ids("timestamp:[2026-11-26 TO 2026-11-27]"));
        assertEquals(List.of("b2"), ids("detected_at:\"2026-11-26T10:01:00Z\""));
        AlertQueryException e = assertThrows(AlertQueryException.class, () -> ids("timestamp:[yesterday TO *]"));
        assertTrue(e.getMessage().contains("ISO-8601"), e.getMessage());
    }

    @Test
    void newestDetectionFirstAndTotalBeyondThePage() {
        indexThree();
        AlertPage page = store.search(AlertQuery.all(2));
        assertEquals(List.of("c3", "b2"), page.alerts().stream().map(Alert::id).toList());
        assertEquals(3, page.totalHits());
    }

    @Test
    void reindexingTheSameIdReplacesTheAlert() {
        indexThree();
        Alert again = alert("a1", "rule-ssh", "SSH brute force (v2)", Level.HIGH, List.of("attack.t1110"),
                "PC-01.corp.local", "alice", "10.0.0.5", "Failed password for alice from 10.0.0.5", T0);
        store.accept(again);
        store.accept(again);
        store.commit();
        await(() -> store.get("a1").map(a -> a.ruleTitle().endsWith("(v2)")).orElse(false), "updated a1");
        assertEquals(3, store.count());
        assertEquals(1, store.search(new AlertQuery("id:a1", null, null, 10)).totalHits());
    }

    @Test
    void alertsSurviveReopenWithEveryField() throws IOException {
        indexThree();
        Alert before = store.get("b2").orElseThrow();
        store.close();
        store = AlertStore.open(dir.resolve("alerts"), registry, clock);
        assertEquals(3, store.count());
        Alert after = store.get("b2").orElseThrow();
        assertEquals(before, after);
        assertEquals("rule-sudo", after.ruleId());
        assertEquals("Sudo to root", after.ruleTitle());
        assertEquals(Level.MEDIUM, after.level());
        assertEquals(List.of("attack.t1548", "attack.privesc"), after.tags());
        assertEquals(AlertStatus.NEW, after.status());
        assertEquals("bob", after.user());
        assertEquals("10.0.0.6", after.srcIp());
        assertEquals(T0.plusSeconds(58), after.timestamp());
        assertEquals(T0.plusSeconds(60), after.detectedAt());
        assertEquals(4L, ((Number) after.event().get("severity")).longValue());
        assertEquals(List.of("hostname", "message", "severity"), List.copyOf(after.event().keySet()));
    }

    @Test
    void alertsOfOneMillisecondComeNewestIndexedFirst() {
        for (String id : List.of("x1", "x2", "x3")) {
            store.accept(alert(id, "r", "t", Level.LOW, List.of(), "h", null, null, "m", T0));
        }
        store.endOfBatch();
        awaitCount(3);
        assertEquals(List.of("x3", "x2", "x1"), ids(""));
    }

    @Test
    void windowsMessagesAreSearchableToo() {
        store.accept(new Alert("w1", "r", "Logon failure", Level.LOW, List.of(), AlertStatus.NEW, "WS-1", "bob",
                null, T0, T0, Map.of("Message", "An account failed to log on", "Computer", "WS-1")));
        awaitCount(1);
        assertEquals(List.of("w1"), ids("account"));
    }

    @Test
    void getOfAnUnknownIdIsEmpty() {
        indexThree();
        assertFalse(store.get("nope").isPresent());
    }

    @Test
    void badSyntaxNamesTheProblemAndItsPosition() {
        AlertQueryException e = assertThrows(AlertQueryException.class, () -> ids("host:(pc-01 AND"));
        assertTrue(e.getMessage().contains("line 1, column"), e.getMessage());
        assertTrue(e.getMessage().contains("host:(pc-01 AND"), e.getMessage());
    }

    @Test
    void leadingWildcardIsRefused() {
        AlertQueryException e = assertThrows(AlertQueryException.class, () -> ids("host:*01"));
        assertTrue(e.getMessage().contains("not allowed as first character"), e.getMessage());
    }

    @Test
    void anAcceptedAlertBecomesSearchableWithoutAnotherBatch() {
        // No endOfBatch and no commit: only the background refresher can make it visible.
        store.accept(alert("n1", "rule-x", "X", Level.LOW, List.of(), "h", null, null, "m", T0));
        await(() -> store.get("n1").isPresent(), "background refresh to show n1");
        Alert n1 = store.get("n1").orElseThrow();
        assertEquals(null, n1.user());
        assertEquals(List.of(), n1.tags());
    }

    @Test
    void gaugeCountsIndexedAlerts() {
        indexThree();
        assertEquals(3.0, registry.get("socd.alerts.indexed").gauge().value());
        assertEquals(0.0, registry.get("socd.alerts.index.errors").counter().count());
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsToldItIsLocked() {
        IOException e = assertThrows(IOException.class,
                () -> AlertStore.open(dir.resolve("alerts"), new SimpleMeterRegistry(), clock));
        assertTrue(e.getMessage().contains("locked"), e.getMessage());
    }

    @Test
    void queryLimitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new AlertQuery("", null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new AlertQuery("", T0, T0.minusSeconds(1), 10));
    }
}
