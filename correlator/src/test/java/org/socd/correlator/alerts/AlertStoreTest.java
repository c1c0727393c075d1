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
        return store.search(new AlertQuery(query, null, null, 100)).alerts().stream().map(StoredAlert::id).toList();
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
        Alert a1 = store.get("a1").orElseThrow().alert();
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
                store.search(new AlertQuery("", T0.plusSeconds(60), null, 10)).alerts().stream().map(StoredAlert::id).toList());
        assertEquals(List.of("a1"),
                store.search(new AlertQuery(null, null, T0.plusSeconds(60), 10)).alerts().stream().map(StoredAlert::id).toList());
        assertEquals(List.of("b2"),
                store.search(new AlertQuery("level:medium OR level:high", T0.plusSeconds(30), T0.plusSeconds(90), 10))
                        .alerts().stream().map(StoredAlert::id).toList());
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
        assertEquals(List.of("c3", "b2"), page.alerts().stream().map(StoredAlert::id).toList());
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
        await(() -> store.get("a1").map(a -> a.alert().ruleTitle().endsWith("(v2)")).orElse(false), "updated a1");
        assertEquals(3, store.count());
        assertEquals(1, store.search(new AlertQuery("id:a1", null, null, 10)).totalHits());
    }

    @Test
    void aReplayAfterReopenRewritesAndNeverDuplicates() throws IOException {
        indexThree();
        Alert d4 = alert("d4", "rule-ssh", "SSH brute force", Level.HIGH, List.of("attack.t1110"),
                "PC-04", "dave", "10.0.0.7", "Failed password for dave", T0.plusSeconds(180));
        for (boolean waitForIdFilter : new boolean[] {false, true}) {
            store.close();
            store = AlertStore.open(dir.resolve("alerts"), registry, clock);
            if (waitForIdFilter) {
                // New ids are then added, not updated: the rewrites must still find theirs.
                // The first write starts the filling; it is itself a rewrite.
                store.accept(d4);
                await(store::idFilterReady, "the id filter to be filled");
            }
            // The journal replays what the index already has, and one new alert twice.
            for (String id : List.of("a1", "b2", "c3")) {
                Alert old = store.get(id).orElseThrow().alert();
                store.accept(old);
            }
            store.accept(d4);
            store.accept(d4);
            store.commit();
            awaitCount(4);
            for (String id : List.of("a1", "b2", "c3", "d4")) {
                assertEquals(1, store.search(new AlertQuery("id:" + id, null, null, 10)).totalHits(), id);
            }
        }
    }

    @Test
    void alertsSurviveReopenWithEveryField() throws IOException {
        indexThree();
        StoredAlert before = store.get("b2").orElseThrow();
        store.close();
        store = AlertStore.open(dir.resolve("alerts"), registry, clock);
        assertEquals(3, store.count());
        assertEquals(before, store.get("b2").orElseThrow());
        Alert after = store.get("b2").orElseThrow().alert();
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
        Alert n1 = store.get("n1").orElseThrow().alert();
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

    @Test
    void addressesMatchExactlyByRangeAndByCidr() {
        indexThree();
        assertEquals(List.of("b2", "a1"), ids("src_ip:10.0.0.0/8"));
        assertEquals(List.of("c3"), ids("src_ip:192.168.0.0/16"));
        assertEquals(List.of("b2"), ids("src_ip:[10.0.0.6 TO 10.0.0.200]"));
        assertEquals(List.of("a1"), ids("src_ip:10.0.0.5 AND level:high"));
        assertEquals(List.of("c3", "a1"), ids("(src_ip:10.0.0.5/32 OR src_ip:192.168.1.9) AND rule_id:rule-ssh"));
        AlertQueryException e = assertThrows(AlertQueryException.class, () -> ids("src_ip:pc-01"));
        assertTrue(e.getMessage().contains("CIDR"), e.getMessage());
        AlertQueryException prefix = assertThrows(AlertQueryException.class, () -> ids("src_ip:10.0.0.0/40"));
        assertTrue(prefix.getMessage().contains("prefix length"), prefix.getMessage());
    }

    @Test
    void ipv6AddressesAndCidrBlocks() {
        Map<String, Object> event = Map.of("message", "m", "dst_ip", "2001:db8::20");
        store.accept(new Alert("v6", "r", "t", Level.LOW, List.of(), AlertStatus.NEW, "h", null, "2001:db8::1",
                T0, T0, event));
        awaitCount(1);
        assertEquals(List.of("v6"), ids("src_ip:2001:db8::/32"));
        assertEquals(List.of("v6"), ids("dst_ip:\"2001:db8::20\""));
        assertEquals(List.of(), ids("src_ip:10.0.0.0/8"));
        assertEquals("2001:db8::20", store.get("v6").orElseThrow().dstIp());
    }

    @Test
    void attackTacticsAndTechniquesComeFromTheTags() {
        store.accept(alert("t1", "r", "t", Level.HIGH,
                List.of("attack.credential-access", "attack.t1110.001", "attack.g0007", "attack.T1078"),
                "h", null, null, "m", T0));
        awaitCount(1);
        StoredAlert t1 = store.get("t1").orElseThrow();
        assertEquals(List.of("credential-access"), t1.tactics());
        assertEquals(List.of("T1110.001", "T1078"), t1.techniques());
        assertEquals(List.of("t1"), ids("techniques:T1110.001"));
        assertEquals(List.of("t1"), ids("techniques:t1110*"));
        assertEquals(List.of("t1"), ids("tactics:credential-access"));
    }

    @Test
    void analystChangesAreRecordedWithWhoAndWhen() {
        indexThree();
        store.update("a1", "alice", new AlertChange.Assign("alice"));
        store.update("a1", "alice", new AlertChange.Acknowledge());
        store.update("a1", "bob", new AlertChange.AddNote("seen this host before"));
        StoredAlert a1 = store.update("a1", "bob", new AlertChange.Close("false positive: pentest")).orElseThrow();
        assertEquals(AlertStatus.CLOSED, a1.status());
        assertEquals("alice", a1.assignee());
        assertEquals("false positive: pentest", a1.resolution());
        assertEquals(List.of(new Note(T0, "bob", "seen this host before")), a1.notes());
        assertEquals(List.of("assigned", "acknowledged", "noted", "closed"),
                a1.history().stream().map(HistoryEntry::action).toList());
        assertEquals("bob", a1.history().get(3).by());
        assertEquals(T0, a1.history().get(3).at());
        assertEquals(a1, store.get("a1").orElseThrow());
        assertEquals(List.of("a1"), ids("status:closed"));
        assertEquals(List.of("a1"), ids("assignee:alice"));
        assertEquals(List.of("a1"), ids("notes:host"));
        AlertWorkflowException e = assertThrows(AlertWorkflowException.class,
                () -> store.update("a1", "bob", new AlertChange.Acknowledge()));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertTrue(store.update("nope", "bob", new AlertChange.Acknowledge()).isEmpty());
    }

    @Test
    void aReplayOfTheSameAlertKeepsTheWorkflowState() throws IOException {
        indexThree();
        store.update("b2", "alice", new AlertChange.Acknowledge());
        store.update("b2", "alice", new AlertChange.AddNote("looking"));
        // The journal replay after a restart writes the pipeline's version again, status new.
        store.close();
        store = AlertStore.open(dir.resolve("alerts"), registry, clock);
        store.accept(alert("b2", "rule-sudo", "Sudo to root", Level.MEDIUM, List.of("attack.t1548", "attack.privesc"),
                "PC-02.corp.local", "bob", "10.0.0.6", "bob : TTY=pts/0 ; USER=root ; COMMAND=/bin/sh",
                T0.plusSeconds(60)));
        store.endOfBatch();
        store.commit();
        await(() -> store.count() == 3, "three alerts");
        StoredAlert b2 = store.get("b2").orElseThrow();
        assertEquals(AlertStatus.ACKNOWLEDGED, b2.status());
        assertEquals(2, b2.history().size());
        assertEquals("looking", b2.notes().get(0).text());
    }

    @Test
    void cursorPagingWalksEveryAlertOnceNewestFirst() {
        for (int i = 0; i < 25; i++) {
            // Several alerts per millisecond: the sequence number breaks the ties.
            store.accept(alert("p" + i, "r", "t", Level.LOW, List.of(), "h", null, null, "m", T0.plusMillis(i / 3)));
        }
        store.endOfBatch();
        awaitCount(25);
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            AlertPage page = store.search(new AlertQuery("", null, null, 10, cursor));
            assertEquals(25, page.totalHits());
            page.alerts().forEach(a -> seen.add(a.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 24; i >= 0; i--) {
            expected.add("p" + i);
        }
        assertEquals(expected, seen);
        AlertQueryException e = assertThrows(AlertQueryException.class,
                () -> store.search(new AlertQuery("", null, null, 10, "garbage!")));
        assertTrue(e.getMessage().contains("next_cursor"), e.getMessage());
    }

    @Test
    void statsCountByFieldAndHistogram() {
        indexThree();
        AlertStats byRule = store.stats(new StatsQuery("", T0, T0.plusSeconds(180), StatsQuery.GroupBy.RULE, 10,
                java.time.Duration.ofMinutes(1)));
        assertEquals(3, byRule.total());
        assertEquals(List.of(new AlertStats.Group("rule-ssh", "SSH brute force", 2),
                new AlertStats.Group("rule-sudo", "Sudo to root", 1)), byRule.groups());
        assertEquals(List.of(1L, 1L, 1L), byRule.histogram().stream().map(AlertStats.Bucket::count).toList());
        assertEquals(T0.plusSeconds(60), byRule.histogram().get(1).start());
        AlertStats byLevel = store.stats(new StatsQuery("rule_id:rule-ssh", T0, T0.plusSeconds(180),
                StatsQuery.GroupBy.LEVEL, 10, java.time.Duration.ofHours(1)));
        assertEquals(List.of("critical", "high"), byLevel.groups().stream().map(AlertStats.Group::key).toList());
        AlertStats window = store.stats(new StatsQuery("", T0.plusSeconds(60), T0.plusSeconds(120),
                StatsQuery.GroupBy.HOST, 10, java.time.Duration.ofMinutes(1)));
        assertEquals(List.of(new AlertStats.Group("PC-02.corp.local", "PC-02.corp.local", 1)), window.groups());
    }

    @Test
    void retentionDeletesOnlyOldAlerts() {
        indexThree();
        assertEquals(1, store.deleteDetectedBefore(T0.plusSeconds(30)));
        assertEquals(List.of("c3", "b2"), ids(""));
        assertEquals(1.0, registry.get("socd.alerts.retention.deleted").counter().count());
    }
}
