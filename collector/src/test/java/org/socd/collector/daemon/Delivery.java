package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** Checks that messages a real sender sent arrived in the daemon exactly once each. */
final class Delivery {

    private Delivery() {
    }

    /**
     * Waits for {@code n} alerts whose message has the word {@code tag}, then checks there are
     * exactly {@code n}, one per unique word {@code tag + "n" + i}, and returns their events.
     */
    static List<JsonNode> exactlyOnce(RunningDaemon d, String tag, int n) throws InterruptedException {
        RunningDaemon.await(n + " messages tagged " + tag, () -> d.alertCount("message:" + tag) >= n);
        List<JsonNode> events = d.events("message:" + tag);
        assertEquals(n, events.size(), "each message exactly once: " + events);
        Set<String> seen = new TreeSet<>();
        for (JsonNode e : events) {
            for (String word : e.path("message").asString().split("[^A-Za-z0-9]+")) {
                if (word.startsWith(tag + "n")) {
                    seen.add(word);
                }
            }
        }
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            expected.add(tag + "n" + i);
        }
        assertEquals(expected, seen, "every message, none twice");
        return new ArrayList<>(events);
    }
}
