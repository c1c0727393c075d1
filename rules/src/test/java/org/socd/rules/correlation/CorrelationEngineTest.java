package org.socd.rules.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socd.rules.correlation.Harness.ACCEPTED;
import static org.socd.rules.correlation.Harness.FAILED;
import static org.socd.rules.correlation.Harness.accepted;
import static org.socd.rules.correlation.Harness.failed;
import static org.socd.rules.correlation.Harness.sshd;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.protocol.event.Event;

/** Every correlation type, positive and negative, windows, ordering, reset, chaining, aliases, generate and bounds. */
class CorrelationEngineTest {

    @TempDir
    Path dir;

    static String bruteForce(String extra) {
        return """
                title: ssh brute force
                id: 22222222-0000-0000-0000-000000000001
                level: high
                tags: [attack.t1110]
                correlation:
                    type: event_count
                    rules: [failed_login]
                    group-by: [src_ip]
                    timespan: 5m
                    condition: {gte: 5}
                """ + extra;
    }

    @Test
    void eventCountFiresOncePerBurstPerGroup() throws IOException {
        Harness h = new Harness(dir, FAILED, bruteForce("")).noErrors();
        List<CorrelationMatch> matches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            matches.addAll(h.feed(failed(i * 10, "10.0.0.1")));
        }
        assertEquals(List.of(), matches, "4 failures are below gte 5");
        matches.addAll(h.feed(failed(50, "10.0.0.1")));
        assertEquals(1, matches.size());
        CorrelationMatch match = matches.get(0);
        assertEquals("22222222-0000-0000-0000-000000000001", match.rule().ruleId());
        assertEquals("ssh brute force", match.rule().ruleTitle());
        assertEquals(List.of("attack.t1110"), match.rule().tags());
        assertEquals(List.of("10.0.0.1"), match.groupKey());
        assertEquals(5.0, match.value());
        assertEquals(5, match.eventCount());
        assertEquals(5, match.events().size());
        assertEquals(Harness.T0, match.first());
        assertEquals(Harness.T0.plusSeconds(50), match.last());
        assertTrue(match.alerts());
        // Reset after firing: the sixth to ninth failures do not fire again; the tenth does.
        for (int i = 6; i < 10; i++) {
            assertEquals(List.of(), h.feed(failed(50 + i, "10.0.0.1")));
        }
        assertEquals(1, h.feed(failed(60, "10.0.0.1")).size());
    }

    @Test
    void eventCountSeparatesGroupsAndNeedsTheWindow() throws IOException {
        Harness h = new Harness(dir, FAILED, bruteForce("")).noErrors();
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of(), h.feed(failed(i, "10.0.0." + i)), "five addresses, one failure each");
        }
        // One per 2 minutes: never 5 within 5 minutes.
        for (int i = 0; i < 20; i++) {
            assertEquals(List.of(), h.feed(failed(100 + i * 120, "10.9.9.9")));
        }
    }

    @Test
    void windowSlidesRatherThanBeingFixedBuckets() throws IOException {
        Harness h = new Harness(dir, FAILED, bruteForce("")).noErrors();
        // 4:50 apart across what a fixed 5-minute bucket would split: 290 s spans them all.
        assertEquals(List.of(), h.feedAll(failed(250, "a"), failed(290, "a"), failed(310, "a"), failed(400, "a")));
        assertEquals(1, h.feed(failed(540, "a")).size());
        // Then the oldest expire as time moves: 4 in [600, 890] then one at 1200 sees only itself.
        assertEquals(List.of(), h.feedAll(failed(600, "b"), failed(700, "b"), failed(800, "b"), failed(890, "b"),
                failed(1200, "b")));
    }

    @Test
    void outOfOrderEventsInsideTheWindowCountAndLateOnesAreDroppedAndCounted() throws IOException {
        Harness h = new Harness(dir, FAILED, bruteForce("")).noErrors();
        assertEquals(List.of(), h.feedAll(failed(1000, "a"), failed(900, "a"), failed(950, "a")));
        assertEquals(List.of(), h.feed(failed(100, "a")), "900 s before the group's latest event: outside 5 m");
        assertEquals(1, h.metrics.late);
        List<CorrelationMatch> matches = h.feedAll(failed(990, "a"), failed(800, "a"));
        assertEquals(1, matches.size());
        assertEquals(Harness.T0.plusSeconds(800), matches.get(0).first());
        assertEquals(Harness.T0.plusSeconds(1000), matches.get(0).last());
        List<String> times = matches.get(0).events().stream().map(c -> c.time().toString()).toList();
        assertEquals(times.stream().sorted().toList(), times, "contributions in event-time order");
    }

    @Test
    void missingGroupFieldGroupsUnderNull() throws IOException {
        Harness h = new Harness(dir, FAILED, bruteForce("")).noErrors();
        List<CorrelationMatch> matches = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            matches.addAll(h.feed(sshd(i, "Failed password for x", Map.of())));
        }
        assertEquals(1, matches.size());
        assertEquals(1, matches.get(0).groupKey().size());
        assertNull(matches.get(0).groupKey().get(0));
    }

    @Test
    void lessThanConditionsAndRangesAreANDed() throws IOException {
        String range = bruteForce("").replace("condition: {gte: 5}", "condition: {gt: 2, lte: 3}");
        Harness h = new Harness(dir, FAILED, range).noErrors();
        assertEquals(List.of(), h.feedAll(failed(0, "a"), failed(1, "a")));
        assertEquals(3.0, h.feed(failed(2, "a")).get(0).value());
        String neq = bruteForce("").replace("condition: {gte: 5}", "condition: {neq: 1}");
        Harness n = new Harness(subdir("neq"), FAILED, neq).noErrors();
        assertEquals(List.of(), n.feed(failed(0, "b")));
        assertEquals(1, n.feed(failed(1, "b")).size());
    }

    private Path subdir(String name) {
        Path path = dir.resolve(name);
        path.toFile().mkdirs();
        return path;
    }

    @Test
    void valueCountCountsDistinctValues() throws IOException {
        String spray = """
                title: password spray
                id: spray
                correlation:
                    type: value_count
                    rules: [failed_login]
                    group-by: [src_ip]
                    timespan: 10m
                    condition: {field: user, gte: 3}
                """;
        Harness h = new Harness(dir, FAILED, spray).noErrors();
        Event[] sameUser = {failed(0, "a"), failed(1, "a"), failed(2, "a"), failed(3, "a")};
        assertEquals(List.of(), h.feedAll(sameUser), "one user four times is one distinct value");
        assertEquals(List.of(), h.feed(sshd(4, "Failed password", Map.of("src_ip", "a", "user", "alice"))));
        List<CorrelationMatch> matches = h.feed(sshd(5, "Failed password", Map.of("src_ip", "a", "user", "bob")));
        assertEquals(1, matches.size());
        assertEquals(3.0, matches.get(0).value());
        assertEquals(List.of(), h.feed(sshd(6, "Failed password", Map.of("src_ip", "a"))), "no user: not counted");
        assertEquals(1, h.metrics.unreadable);
    }

    @Test
    void valueSumAndAverageAggregateTheField() throws IOException {
        String upload = """
                title: big upload
                id: sum
                correlation:
                    type: value_sum
                    rules: [failed_login]
                    group-by: [src_ip]
                    timespan: 1h
                    condition: {field: bytes, gt: 1000}
                ---
                title: big average
                id: avg
                correlation:
                    type: value_avg
                    rules: [failed_login]
                    generate: true
                    group-by: [src_ip]
                    timespan: 1h
                    condition: {field: bytes, gte: 600}
                """;
        Harness h = new Harness(dir, FAILED, upload).noErrors();
        assertEquals(List.of(), h.feed(sshd(0, "Failed password", Map.of("src_ip", "a", "bytes", 400))));
        assertEquals(List.of(), h.feed(sshd(1, "Failed password", Map.of("src_ip", "a", "bytes", "not a number"))));
        assertEquals(2, h.metrics.unreadable, "one per correlation");
        List<CorrelationMatch> matches = h.feed(sshd(2, "Failed password", Map.of("src_ip", "a", "bytes", "700")));
        assertEquals(List.of("sum"), matches.stream().map(m -> m.rule().ruleId()).toList(), "sum 1100 > 1000, avg 550 < 600");
        assertEquals(1100.0, matches.get(0).value());
        matches = h.feed(sshd(3, "Failed password", Map.of("src_ip", "a", "bytes", 900)));
        assertEquals(List.of("avg"), matches.stream().map(m -> m.rule().ruleId()).toList(), "avg (400+700+900)/3 = 666");
        assertEquals(2000.0 / 3, matches.get(0).value(), 1e-9);
    }

    static final String RECON = """
            title: recon
            id: recon
            correlation:
                type: %s
                rules: [failed_login, successful_login]
                group-by: [user]
                timespan: 10m
            """;

    @Test
    void temporalNeedsEveryRuleInAnyOrder() throws IOException {
        Harness h = new Harness(dir, FAILED, ACCEPTED, RECON.formatted("temporal")).noErrors();
        assertEquals(List.of(), h.feedAll(failed(0, "a"), failed(1, "a")), "one rule only");
        assertEquals(1, h.feed(accepted(2, "a")).size());
        assertEquals(List.of(), h.feed(accepted(3, "a")), "reset after firing");
        assertEquals(1, h.feed(failed(4, "a")).size(), "any order");
        assertEquals(List.of(), h.feedAll(failed(100, "a"), accepted(800, "a")), "11:40 apart: outside 10 m");
    }

    @Test
    void temporalWithAConditionCountsDistinctRules() throws IOException {
        String atLeastOne = RECON.formatted("temporal") + "    condition: {gte: 1}\n";
        Harness h = new Harness(dir, FAILED, ACCEPTED, atLeastOne).noErrors();
        assertEquals(1, h.feed(failed(0, "a")).size());
    }

    @Test
    void temporalOrderedNeedsTheOrder() throws IOException {
        Harness h = new Harness(dir, FAILED, ACCEPTED, RECON.formatted("temporal_ordered")).noErrors();
        assertEquals(List.of(), h.feedAll(accepted(0, "a"), accepted(1, "a")), "success before any failure");
        List<CorrelationMatch> matches = h.feed(failed(2, "a"));
        assertEquals(List.of(), matches, "failure after the success is the wrong order");
        matches = h.feed(accepted(3, "a"));
        assertEquals(1, matches.size());
        assertEquals(2.0, matches.get(0).value());
        // Out of order arrival, in order by event time: the failure (t=50) arrives after the
        // success (t=100) but is sorted before it, so the sequence holds.
        assertEquals(List.of(), h.feed(accepted(100, "b").put("user", "bob")));
        assertEquals(1, h.feed(failed(50, "b").put("user", "bob")).size());
    }

    @Test
    void chainedCorrelationsFollowTheSpecExample() throws IOException {
        // Sigma 2.1's "failed logins followed by successful login", in one multi-document file.
        String chain = """
                title: Correlation - Multiple Failed Logins Followed by Successful Login
                id: b180ead8-d58f-40b2-ae54-c8940995b9b6
                correlation:
                    type: temporal_ordered
                    rules:
                        - multiple_failed_login
                        - successful_login
                    group-by:
                        - user
                    timespan: 10m
                level: high
                ---
                title: Multiple failed logons
                id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
                name: multiple_failed_login
                correlation:
                    type: event_count
                    rules:
                        - failed_login
                    group-by:
                        - user
                    timespan: 10m
                    condition:
                        gte: 10
                ---
                """ + FAILED + "---\n" + ACCEPTED;
        Harness h = new Harness(dir, chain).noErrors();
        assertEquals(2, h.loaded.correlationCount());
        assertEquals(2, h.loaded.ruleCount());
        Correlations set = h.loaded.correlations();
        assertEquals("a8418a5a-5fc4-46b5-b23b-6c73beb19d41", set.ordered().get(0).id(), "inner before outer");
        assertFalse(set.alertsOnItsOwn("11111111-0000-0000-0000-000000000001"), "referenced without generate");
        assertFalse(set.alertsOnItsOwn("11111111-0000-0000-0000-000000000002"));
        assertFalse(set.alertsOnItsOwn("a8418a5a-5fc4-46b5-b23b-6c73beb19d41"));
        assertTrue(set.alertsOnItsOwn("b180ead8-d58f-40b2-ae54-c8940995b9b6"));

        assertEquals(List.of(), h.feed(accepted(0, "x")), "a success alone");
        List<CorrelationMatch> all = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            all.addAll(h.feed(failed(i * 5, "x")));
        }
        assertEquals(1, all.size(), "the tenth failure fires the inner event_count");
        assertFalse(all.get(0).alerts(), "inner correlation: no alert of its own");
        List<CorrelationMatch> outer = h.feed(accepted(120, "x"));
        assertEquals(1, outer.size());
        assertEquals("b180ead8-d58f-40b2-ae54-c8940995b9b6", outer.get(0).rule().ruleId());
        assertTrue(outer.get(0).alerts());
        assertEquals(List.of("root"), outer.get(0).groupKey());
        List<String> contributions = outer.get(0).events().stream().map(Contribution::eventId).toList();
        assertTrue(contributions.contains(all.get(0).id()), "the inner match contributes: " + contributions);
    }

    @Test
    void aliasesGroupDifferentFieldsOfDifferentRules() throws IOException {
        String lateral = """
                title: login then outbound from the same address
                id: lateral
                correlation:
                    type: temporal
                    rules: [successful_login, outbound]
                    group-by: [host_ip]
                    timespan: 1m
                    aliases:
                        host_ip:
                            successful_login: dst_ip
                            outbound: src_ip
                ---
                title: outbound connection
                id: outbound-id
                name: outbound
                logsource: {product: linux, service: sshd}
                detection:
                    selection:
                        message|contains: 'Connection to'
                    condition: selection
                """;
        Harness h = new Harness(dir, ACCEPTED, lateral).noErrors();
        Event login = accepted(0, "203.0.113.9").put("dst_ip", "10.1.1.1");
        Event other = sshd(5, "Connection to 198.51.100.1", Map.of("src_ip", "10.2.2.2"));
        Event outbound = sshd(10, "Connection to 198.51.100.1", Map.of("src_ip", "10.1.1.1"));
        assertEquals(List.of(), h.feedAll(login, other), "different address");
        List<CorrelationMatch> matches = h.feed(outbound);
        assertEquals(1, matches.size());
        assertEquals(List.of("10.1.1.1"), matches.get(0).groupKey());
    }

    @Test
    void groupByReadsFieldsThroughTheLogsourceMappingLikeRules() throws IOException {
        String whoami = """
                title: whoami
                id: whoami
                logsource: {category: process_creation, product: windows}
                detection:
                    selection:
                        Image|endswith: '\\whoami.exe'
                    condition: selection
                ---
                title: whoami twice per image
                id: twice
                correlation:
                    type: event_count
                    rules: [whoami]
                    group-by: [Image, Computer]
                    timespan: 1h
                    condition: {gte: 2}
                """;
        Harness h = new Harness(dir, whoami).noErrors();
        // Security 4688 carries the image as NewProcessName; the mapping renames it for rules and correlations alike.
        Event first = Event.of(Map.of("Channel", "Security", "EventID", 4688, "Computer", "pc1",
                "NewProcessName", "C:\\Windows\\System32\\whoami.exe", "timestamp", Harness.T0.toString()));
        Event second = Event.of(Map.of("Channel", "Security", "EventID", 4688, "Computer", "pc1",
                "NewProcessName", "C:\\Windows\\System32\\whoami.exe", "timestamp", Harness.T0.plusSeconds(1).toString()));
        assertEquals(List.of(), h.feed(first));
        List<CorrelationMatch> matches = h.feed(second);
        assertEquals(1, matches.size());
        assertEquals(List.of("C:\\Windows\\System32\\whoami.exe", "pc1"), matches.get(0).groupKey());
    }

    @Test
    void generateTrueKeepsTheReferencedRulesAlerting() throws IOException {
        Harness silent = new Harness(dir, FAILED, bruteForce("")).noErrors();
        assertFalse(silent.loaded.correlations().alertsOnItsOwn("11111111-0000-0000-0000-000000000001"));
        assertTrue(silent.loaded.correlations().alertsOnItsOwn("some-other-rule"));
        Harness loud = new Harness(subdir("generate"), FAILED, bruteForce("generate: true\n")).noErrors();
        assertTrue(loud.loaded.correlations().alertsOnItsOwn("11111111-0000-0000-0000-000000000001"));
    }

    @Test
    void matchIdsAreDeterministicAndDependOnTheEvents() throws IOException {
        Harness a = new Harness(dir, FAILED, bruteForce("")).noErrors();
        Harness b = new Harness(subdir("again"), FAILED, bruteForce("")).noErrors();
        List<CorrelationMatch> first = new ArrayList<>();
        List<CorrelationMatch> replay = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.addAll(a.feed(failed(i, "a")));
            replay.addAll(b.feed(failed(i, "a")));
        }
        assertEquals(2, first.size());
        assertEquals(first.stream().map(CorrelationMatch::id).toList(), replay.stream().map(CorrelationMatch::id).toList());
        assertNotEquals(first.get(0).id(), first.get(1).id());
        assertEquals(32, first.get(0).id().length());
    }

    @Test
    void distinctGroupFloodIsBoundedAndCounted() throws IOException {
        Harness h = new Harness(dir, new CorrelationLimits(100, 1000, 3), FAILED, bruteForce("")).noErrors();
        for (int i = 0; i < 5000; i++) {
            assertEquals(List.of(), h.feed(failed(i % 60, "10." + (i / 256) + "." + (i % 256) + ".1")));
        }
        assertTrue(h.engine.groups() <= 100, "groups " + h.engine.groups());
        assertEquals(4900, h.metrics.evicted);
        // A real attacker inside the flood still fires.
        List<CorrelationMatch> matches = h.feedAll(failed(61, "198.51.100.7"), failed(62, "198.51.100.7"),
                failed(63, "198.51.100.7"), failed(64, "198.51.100.7"), failed(65, "198.51.100.7"));
        assertEquals(1, matches.size());
        assertEquals(3, matches.get(0).events().size(), "capped at eventsPerMatch");
        assertEquals(5, matches.get(0).eventCount());
    }

    @Test
    void oneHugeGroupIsBoundedByEntries() throws IOException {
        String never = bruteForce("").replace("condition: {gte: 5}", "condition: {gte: 1000000}");
        Harness h = new Harness(dir, new CorrelationLimits(100, 50, 3), FAILED, never).noErrors();
        for (int i = 0; i < 200; i++) {
            h.feed(failed(i, "a"));
        }
        assertEquals(150, h.metrics.dropped);
        assertEquals(1, h.engine.groups());
    }

    @Test
    void idleGroupsAreFreedAsTimeMovesOn() throws IOException {
        Harness h = new Harness(dir, FAILED, bruteForce("")).noErrors();
        for (int i = 0; i < 3; i++) {
            h.feed(failed(i, "old-" + i));
        }
        assertEquals(3, h.engine.groups());
        h.feed(failed(3600, "new"));
        assertEquals(1, h.engine.groups(), "windows wholly before now - 5m are dropped, uncounted: they expired");
        assertEquals(0, h.metrics.evicted);
    }

    @Test
    void eventsWithoutReadableTimestampUseTheReceiveTime() throws IOException {
        Harness h = new Harness(dir, FAILED, bruteForce("")).noErrors();
        List<CorrelationMatch> matches = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            matches.addAll(h.feed(failed(i, "a").put("timestamp", "Mar 1 10:00:0" + i)));
        }
        assertEquals(1, matches.size());
        assertEquals(Harness.T0, matches.get(0).last());
    }
}
