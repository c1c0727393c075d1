package org.socd.rules.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;

/**
 * Loads the SigmaHQ community rules (rules, rules-emerging-threats, rules-threat-hunting) from
 * ../shared/sigma and asserts that at least 99% compile, that loading never throws, that every
 * file is accounted for and that every rejection has a file and a reason (printed, grouped).
 */
class SigmaHqCoverageTest {

    private static final Path SIGMA = Path.of("../../shared/sigma");
    private static final List<Path> SIGMAHQ = List.of(
            SIGMA.resolve("rules"), SIGMA.resolve("rules-emerging-threats"), SIGMA.resolve("rules-threat-hunting"));
    private static final double MIN_COMPILED = 0.99;
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");

    @Test
    void loadsSigmaHqRulesAndExplainsEveryRejection() throws IOException {
        assumeTrue(Files.isDirectory(SIGMA), "no SigmaHQ checkout at " + SIGMA.toAbsolutePath());
        long files = 0;
        for (Path dir : SIGMAHQ) {
            try (Stream<Path> walk = Files.walk(dir)) {
                files += walk.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).count();
            }
        }

        LoadedRules loaded = RuleLoader.loadDirectories(SIGMAHQ);

        assertEquals(files, loaded.ruleCount() + loaded.errors().size(), "every file either compiles or is reported");
        for (RuleError error : loaded.errors()) {
            assertFalse(error.message().isBlank(), "rejection without a reason: " + error.location());
            assertTrue(error.location().contains("sigma/rules"), "rejection without a file: " + error);
            System.out.println("  rejected " + error);
            assertFalse(error.message().startsWith("internal error"), "compiler bug: " + error);
        }
        Map<String, Long> byReason = loaded.errors().stream()
                .collect(Collectors.groupingBy(e -> reason(e.message()), TreeMap::new, Collectors.counting()));
        System.out.printf("SigmaHQ smoke: %d rule files, %d compiled, %d rejected%n",
                files, loaded.ruleCount(), loaded.errors().size());
        byReason.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  %5d  %s%n", e.getValue(), e.getKey()));

        double compiled = (double) loaded.ruleCount() / files;
        assertTrue(compiled >= MIN_COMPILED, String.format("only %.2f%% of SigmaHQ rules compile (%d of %d); see the reasons above",
                compiled * 100, loaded.ruleCount(), files));

        // Spot checks that community rules mean the same to socd as to their authors, on events
        // shaped like socd's decoders produce them. Only asserted when the rule compiled at all.
        assertFiresWhenLoaded(loaded, "0ac15ec3-d24f-4246-aa2a-3077bb1cf90e", Map.of( // privileged user creation
                "appname", "useradd", "hostname", "pc-it-002",
                "message", "new user: name=john, UID=0, GID=0, home=/home/john, shell=/bin/bash"));
        assertFiresWhenLoaded(loaded, "c947b146-0abc-4c87-9c64-b17e9d7274a2", Map.of( // shadow copy deletion
                "Channel", "Microsoft-Windows-Sysmon/Operational", "EventID", 1,
                "Image", "C:\\Windows\\System32\\vssadmin.exe",
                "CommandLine", "vssadmin.exe Delete Shadows /All /Quiet"));
        assertFiresWhenLoaded(loaded, "d99b79d2-0a6f-4f46-ad8b-260b6e17f982", Map.of( // security log cleared
                "Channel", "Security", "EventID", 1102, "Provider_Name", "Microsoft-Windows-Eventlog"));
        assertEquals(List.of(), loaded.engine().evaluate(Event.of(Map.of("appname", "kernel", "message", "eth0: link up"))),
                "an everyday kernel line fires no community rule");
    }

    private static void assertFiresWhenLoaded(LoadedRules loaded, String ruleId, Map<String, Object> fields) {
        boolean compiled = loaded.engine().rules().stream().anyMatch(r -> r.id().equals(ruleId));
        if (compiled) {
            List<String> fired = loaded.engine().evaluate(Event.of(fields)).stream().map(m -> m.ruleId()).toList();
            assertTrue(fired.contains(ruleId), ruleId + " did not fire on " + fields + "; fired " + fired);
        }
    }

    /** The stable part of a message: the modifier name is kept, other quoted details are dropped. */
    static String reason(String message) {
        String head = message.split(";", 2)[0];
        if (head.startsWith("unsupported modifier") || head.startsWith("unknown modifier")) {
            Matcher m = QUOTED.matcher(head);
            return m.find() ? head.substring(0, head.indexOf(':')) : head;
        }
        return QUOTED.matcher(head).replaceAll("'…'").replaceAll("\\d+", "N");
    }
}
