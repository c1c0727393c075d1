package org.socd.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;
import org.socd.rules.compile.RuleCompiler;
import org.socd.rules.logsource.LogsourceMapping;

/** Logsources and field names come from the mapping: Security 4688 is process_creation with NewProcessName as Image. */
class FieldMappingTest {

    private static final String RULE = """
            title: whoami
            id: whoami
            logsource: {category: process_creation, product: windows}
            detection:
                s:
                    Image|endswith: '\\\\whoami.exe'
                    ParentImage|endswith: '\\\\cmd.exe'
                condition: s
            """;
    private static final RuleEngine ENGINE = RuleEngine.of(List.of(RuleCompiler.compile(RULE, "r.yml")));

    private static List<String> fired(Map<String, Object> fields) {
        return ENGINE.evaluate(Event.of(fields)).stream().map(RuleMatch::ruleId).toList();
    }

    @Test
    void security4688ReadsTheSysmonTaxonomy() {
        assertEquals(List.of("whoami"), fired(Map.of("Channel", "Security", "EventID", 4688,
                "NewProcessName", "C:\\Windows\\System32\\whoami.exe", "ParentProcessName", "C:\\Windows\\System32\\cmd.exe")));
        assertEquals(List.of("whoami"), fired(Map.of("Channel", "Microsoft-Windows-Sysmon/Operational", "EventID", "1",
                "Image", "C:\\Windows\\System32\\whoami.exe", "ParentImage", "C:\\Windows\\System32\\cmd.exe")));
    }

    @Test
    void otherLogsourcesDoNotSeeTheRule() {
        // Same fields, but Sysmon 11 is file_event and 4624 is not process creation.
        assertEquals(List.of(), fired(Map.of("Channel", "Microsoft-Windows-Sysmon/Operational", "EventID", 11,
                "Image", "C:\\Windows\\System32\\whoami.exe", "ParentImage", "C:\\Windows\\System32\\cmd.exe")));
        assertEquals(List.of(), fired(Map.of("Channel", "Security", "EventID", 4624,
                "NewProcessName", "C:\\Windows\\System32\\whoami.exe", "ParentProcessName", "C:\\Windows\\System32\\cmd.exe")));
    }

    @Test
    void sysmonEventIdsMapToCategories() {
        LogsourceMapping mapping = LogsourceMapping.defaults();
        Map<Integer, String> expected = Map.of(1, "process_creation", 3, "network_connection", 7, "image_load",
                11, "file_event", 13, "registry_set", 22, "dns_query", 10, "process_access");
        expected.forEach((id, category) -> assertEquals(true, mapping.derive(new org.socd.rules.matching.EventFields(Event.of(
                Map.of("Channel", "Microsoft-Windows-Sysmon/Operational", "EventID", id)))).categories().contains(category), category));
    }

    @Test
    void customMappingFromYaml() {
        LogsourceMapping mapping = LogsourceMapping.parse("""
                sources:
                  - when: { source: edr, kind: proc }
                    product: windows
                    category: process_creation
                    fields: { Image: exe_path, ParentImage: parent_path }
                """, "mapping.yml");
        RuleEngine engine = RuleEngine.of(ENGINE.rules(), mapping);
        assertEquals(1, engine.evaluate(Event.of(Map.of("source", "edr", "kind", "proc",
                "exe_path", "C:\\x\\whoami.exe", "parent_path", "C:\\x\\cmd.exe"))).size());
        assertEquals(0, engine.evaluate(Event.of(Map.of("source", "edr", "kind", "file",
                "exe_path", "C:\\x\\whoami.exe", "parent_path", "C:\\x\\cmd.exe"))).size());
    }
}
