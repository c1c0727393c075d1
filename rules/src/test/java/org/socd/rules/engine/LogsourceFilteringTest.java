package org.socd.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;
import org.socd.rules.compile.RuleCompiler;
import org.socd.rules.logsource.EventLogsource;

/** A rule only sees events of its logsource, as derived by the bundled mapping. */
class LogsourceFilteringTest {

    private static CompiledRule rule(String id, String logsource) {
        return RuleCompiler.compile("title: " + id + "\nid: " + id + "\nlogsource: " + logsource
                + "\ndetection:\n  keywords: ['secret']\n  condition: keywords\n", id + ".yml");
    }

    private static final RuleEngine ENGINE = RuleEngine.of(List.of(
            rule("any", "{}"),
            rule("linux", "{product: linux}"),
            rule("sshd", "{product: linux, service: sshd}"),
            rule("auth", "{product: linux, service: auth}"),
            rule("cron", "{product: linux, service: cron}"),
            rule("windows", "{product: windows}"),
            rule("sysmon-proc", "{product: windows, category: process_creation}"),
            rule("security", "{product: windows, service: security}"),
            rule("bsd-sshd", "{product: freebsd, service: sshd}")));

    private static Set<String> fired(Map<String, Object> fields) {
        return Set.copyOf(ENGINE.evaluate(Event.of(fields)).stream().map(RuleMatch::ruleId).toList());
    }

    @Test
    void syslogEventsAreLinuxWithServicesFromTheProgramName() {
        assertEquals(Set.of("any", "linux", "sshd", "auth"), fired(Map.of("appname", "sshd", "message", "secret")));
        assertEquals(Set.of("any", "linux", "auth"), fired(Map.of("appname", "useradd", "message", "secret")));
        assertEquals(Set.of("any", "linux", "cron"), fired(Map.of("appname", "CRON", "message", "secret")));
        assertEquals(Set.of("any", "linux"), fired(Map.of("appname", "kernel", "message", "secret")));
        assertEquals(new EventLogsource(Set.of("linux"), Set.of(), Set.of("syslog", "sshd", "auth")),
                ENGINE.logsourceOf(Event.of(Map.of("appname", "sshd"))));
    }

    @Test
    void windowsEventsAreWindowsWithServicesFromTheChannel() {
        Map<String, Object> security4688 = Map.of("Channel", "Security", "EventID", 4688, "message", "secret");
        assertEquals(Set.of("any", "windows", "security", "sysmon-proc"), fired(security4688));
        Map<String, Object> sysmon1 = Map.of("Channel", "Microsoft-Windows-Sysmon/Operational", "EventID", "1", "message", "secret");
        assertEquals(Set.of("any", "windows", "sysmon-proc"), fired(sysmon1));
        Map<String, Object> sysmon3 = Map.of("Channel", "Microsoft-Windows-Sysmon/Operational", "EventID", 3, "message", "secret");
        assertEquals(Set.of("any", "windows"), fired(sysmon3));
        EventLogsource defender = ENGINE.logsourceOf(Event.of(Map.of(
                "Channel", "Microsoft-Windows-Windows Defender/Operational", "EventID", 5001)));
        assertEquals(new EventLogsource(Set.of("windows"), Set.of(), Set.of("windefend")), defender);
        EventLogsource powershell = ENGINE.logsourceOf(Event.of(Map.of(
                "Channel", "Microsoft-Windows-PowerShell/Operational", "EventID", 4104)));
        assertEquals(Set.of("powershell"), powershell.services());
    }

    @Test
    void eventsOfNoKnownSourceOnlyReachRulesWithoutLogsource() {
        assertEquals(Set.of("any"), fired(Map.of("message", "secret")));
    }

    @Test
    void noMatchReturnsTheSharedEmptyList() {
        assertSame(List.of(), ENGINE.evaluate(Event.of(Map.of("appname", "sshd", "message", "nothing"))));
        assertTrue(ENGINE.evaluate(Event.of(Map.of())).isEmpty());
        assertEquals(9, ENGINE.size());
    }

    @Test
    void theIndexOffersOnlyRulesOfTheEventsLogsourcesInLoadOrder() {
        RuleIndex index = new RuleIndex(ENGINE.rules());
        EventLogsource sshd = ENGINE.logsourceOf(Event.of(Map.of("appname", "sshd")));
        assertEquals(List.of("any", "linux", "sshd", "auth"),
                ids(index.candidates(sshd)));
        assertSame(index.candidates(sshd), index.candidates(sshd), "candidates are computed once per logsource");
        EventLogsource security = ENGINE.logsourceOf(Event.of(Map.of("Channel", "Security", "EventID", 4624)));
        assertEquals(List.of("any", "windows", "security"),
                ids(index.candidates(security)));
    }

    /** The candidate rules' ids in rule-number (load) order. */
    private static List<String> ids(RuleIndex.Candidates candidates) {
        List<String> ids = new ArrayList<>();
        for (int rule = 0; rule < ENGINE.size(); rule++) {
            if (Prefilter.isSet(candidates.rules(), rule)) {
                ids.add(ENGINE.rules().get(rule).id());
            }
        }
        return ids;
    }
}
