package org.socd.rules.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;

/** Sigma meta filters are ANDed onto the rules they name; correlation rules load beside them (see the correlation package tests). */
class MetaFilterTest {

    private static final String RULE = """
            title: rar
            id: 6f3e2987-db24-4c78-a860-b4f4095a7095
            logsource: {category: process_creation, product: windows}
            detection:
                s:
                    Image|endswith: '\\\\rar.exe'
                condition: s
            """;
    private static final String OTHER = RULE.replace("6f3e2987", "0000aaaa").replace("title: rar", "title: other");
    private static final String FILTER = """
            title: Filter Administrator account
            logsource: {category: process_creation, product: windows}
            filter:
                rules:
                    - 6f3e2987-db24-4c78-a860-b4f4095a7095
                selection:
                    User|startswith: 'adm_'
                condition: not selection
            """;

    private static List<String> fired(LoadedRules loaded, String user) {
        Event event = Event.of(Map.of("Channel", "Microsoft-Windows-Sysmon/Operational", "EventID", 1,
                "Image", "C:\\Tools\\rar.exe", "User", user));
        return loaded.engine().evaluate(event).stream().map(RuleMatch::ruleTitle).toList();
    }

    @Test
    void filterSuppressesOnlyTheNamedRules(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("rar.yml"), RULE);
        Files.writeString(dir.resolve("other.yml"), OTHER);
        Files.writeString(dir.resolve("mf_admins.yml"), FILTER);
        LoadedRules loaded = RuleLoader.loadDirectories(List.of(dir));
        assertEquals(List.of(), loaded.errors());
        assertEquals(List.of("other", "rar"), fired(loaded, "alice").stream().sorted().toList());
        assertEquals(List.of("other"), fired(loaded, "adm_bob"));
    }

    @Test
    void filterForUnknownRulesIsReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mf_admins.yml"), FILTER);
        LoadedRules loaded = RuleLoader.loadDirectories(List.of(dir));
        assertEquals(1, loaded.errors().size());
        assertTrue(loaded.errors().get(0).message().contains("applies to none of the loaded rules"), loaded.errors().toString());
    }

    @Test
    void correlationRulesLoadAndBadOnesAreRejectedWithTheReason(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("rar.yml"), RULE);
        Files.writeString(dir.resolve("many_rar.yml"), """
                title: many rar
                correlation:
                    type: event_count
                    rules: [6f3e2987-db24-4c78-a860-b4f4095a7095]
                    group-by: [Computer]
                    timespan: 5m
                    condition: {gte: 10}
                """);
        Files.writeString(dir.resolve("bad_corr.yml"), "title: x\ncorrelation:\n    type: sometimes\n");
        LoadedRules loaded = RuleLoader.loadDirectories(List.of(dir));
        assertEquals(1, loaded.ruleCount());
        assertEquals(1, loaded.correlationCount());
        List<String> errors = loaded.errors().stream().map(RuleError::toString).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("bad_corr.yml:3:11") && e.contains("unknown correlation type 'sometimes'")), errors.toString());
    }
}
