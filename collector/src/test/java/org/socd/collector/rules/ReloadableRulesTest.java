package org.socd.collector.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.http.ApiRequest;
import org.socd.collector.http.ApiResponse;
import org.socd.protocol.event.Event;
import org.socd.rules.pack.RuleLoader;

/** Reloads swap the whole rule set atomically, refuse a broken edit, and follow file changes. */
class ReloadableRulesTest {

    private static String rule(String id, String word) {
        return "title: " + id + "\nid: " + id + "\nlogsource: {}\ndetection:\n  k:\n    - '" + word + "'\n  condition: k\n";
    }

    private static int matches(ReloadableRules rules, String message) {
        return rules.evaluate(Event.of(Map.of("message", message))).size();
    }

    @Test
    void reloadSwapsTheCorrelationsWithTheRules(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yml"), rule("a", "alpha"));
        ReloadableRules rules = new ReloadableRules(() -> RuleLoader.loadDirectories(List.of(dir)));
        assertTrue(rules.correlations().alertsOnItsOwn("a"));
        Files.writeString(dir.resolve("c.yml"), "title: c\nid: c\ncorrelation:\n  type: event_count\n  rules: [a]\n"
                + "  timespan: 1m\n  condition: {gte: 2}\n");
        assertTrue(rules.reload().applied());
        assertEquals(1, rules.current().correlationCount());
        assertFalse(rules.correlations().alertsOnItsOwn("a"), "referenced without generate: feeds the correlation only");
        assertEquals(1, matches(rules, "alpha"), "the rule still matches, to feed it");
    }

    @Test
    void reloadSwapsOrKeepsTheRunningSet(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yml"), rule("a", "alpha"));
        ReloadableRules rules = new ReloadableRules(() -> RuleLoader.loadDirectories(List.of(dir)));
        assertEquals(1, matches(rules, "alpha beta"));

        Files.writeString(dir.resolve("b.yml"), rule("b", "beta"));
        ReloadableRules.ReloadResult added = rules.reload();
        assertTrue(added.applied());
        assertEquals(2, matches(rules, "alpha beta"));

        Files.writeString(dir.resolve("b.yml"), "title: b\nid: b\nlogsource: {}\ndetection:\n  k: {F|bogus: 1}\n  condition: k\n");
        ReloadableRules.ReloadResult refused = rules.reload();
        assertFalse(refused.applied());
        assertEquals(dir.resolve("b.yml") + ":5:7", refused.newErrors().get(0).location());
        assertEquals(2, matches(rules, "alpha beta"), "the running set stays as it was");

        RulesReloadEndpoint endpoint = new RulesReloadEndpoint(rules, rules::reload);
        ApiResponse response = answer(endpoint);
        assertEquals(HttpResponseStatus.UNPROCESSABLE_ENTITY, response.status());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("unknown modifier 'bogus'"));

        Files.delete(dir.resolve("b.yml"));
        assertEquals(HttpResponseStatus.OK, answer(endpoint).status());
        assertEquals(1, matches(rules, "alpha beta"));
    }

    /** The endpoint answers later, from its own thread. */
    private static ApiResponse answer(RulesReloadEndpoint endpoint) {
        ApiResponse deferred = endpoint.handle(new ApiRequest("POST", RulesReloadEndpoint.PATH, Map.of()));
        return deferred.later().toCompletableFuture().join();
    }

    @Test
    void watcherReloadsAfterFileChanges(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        ReloadableRules rules = new ReloadableRules(() -> RuleLoader.loadDirectories(List.of(dir)));
        Semaphore reloaded = new Semaphore(0);
        try (RuleDirectoryWatcher watcher = RuleDirectoryWatcher.start(List.of(dir), 100, () -> {
            rules.reload();
            reloaded.release();
        })) {
            Files.writeString(dir.resolve("sub/a.yml"), rule("a", "alpha"));
            // Bounded wait for the condition, generous for a loaded CI machine (polling WatchService on some JDKs).
            while (matches(rules, "alpha") == 0) {
                assertTrue(reloaded.tryAcquire(30, TimeUnit.SECONDS), "no reload after a rule file was written");
            }
            assertEquals(1, matches(rules, "alpha"));
        }
    }
}
