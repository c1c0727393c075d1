package org.socd.rules.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The formats `soc hunt` and the daemon read: JSON lines, evtx_dump JSON, raw syslog. */
class EventFileReaderTest {

    private final List<SourcedEvent> events = new ArrayList<>();

    private EventFileReader.Outcome read(String text) throws IOException {
        return new EventFileReader().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "f", events::add);
    }

    @Test
    void jsonLinesFlatAndNested() throws IOException {
        EventFileReader.Outcome outcome = read("""
                {"appname": "sshd", "message": "Failed password"}

                {"process": {"name": "cmd.exe", "args": ["/c", "dir"]}}
                """);
        assertEquals(2, outcome.events());
        assertEquals("f:1", events.get(0).source());
        assertEquals("sshd", events.get(0).event().get("appname"));
        assertEquals("f:3", events.get(1).source());
        assertEquals("cmd.exe", events.get(1).event().get("process.name"));
    }

    @Test
    void evtxDumpPrettyPrintedAndEventIdAsObject() throws IOException {
        read("""
                {
                  "Event": {
                    "#attributes": {"xmlns": "http://schemas.microsoft.com/win/2004/08/events/event"},
                    "System": {
                      "Provider": {"#attributes": {"Name": "Microsoft-Windows-Security-Auditing", "Guid": "{5478}"}},
                      "EventID": {"#text": 4688, "#attributes": {"Qualifiers": 0}},
                      "TimeCreated": {"#attributes": {"SystemTime": "2025-01-02T03:04:05.000Z"}},
                      "Channel": "Security",
                      "Computer": "pc1",
                      "Correlation": null
                    },
                    "EventData": {"NewProcessName": "C:\\\\Windows\\\\System32\\\\whoami.exe", "Threat Name": "x"}
                  }
                }
                {"Event": {"System": {"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational"}, "EventData": null}}
                """);
        assertEquals(2, events.size());
        var first = events.get(0).event();
        assertEquals("f:1", events.get(0).source());
        assertEquals(4688, first.get("EventID"));
        assertEquals(0, first.get("EventID_Qualifiers"));
        assertEquals("Security", first.get("Channel"));
        assertEquals("Microsoft-Windows-Security-Auditing", first.get("Provider_Name"));
        assertEquals("pc1", first.get("Computer"));
        assertEquals("2025-01-02T03:04:05.000Z", first.get("timestamp"));
        assertEquals("C:\\Windows\\System32\\whoami.exe", first.get("NewProcessName"));
        assertEquals("x", first.get("ThreatName"));
        assertNull(first.get("Correlation"));
        assertEquals("f:15", events.get(1).source());
    }

    @Test
    void syslogLines() throws IOException {
        read("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8\nnot syslog at all\n");
        assertEquals(2, events.size());
        assertEquals("su", events.get(0).event().get("appname"));
        assertEquals("f:2", events.get(1).source());
    }

    @Test
    void syslogLinesGetTheDaemonsFieldDecoders() throws IOException {
        read("<38>Nov 26 10:00:00 srv sshd[42]: Failed password for invalid user admin from 203.0.113.7 port 52113 ssh2\n");
        assertEquals("admin", events.get(0).event().get("user"));
        assertEquals("203.0.113.7", events.get(0).event().get("src_ip"));
        assertEquals("failure", events.get(0).event().get("outcome"));
    }

    @Test
    void brokenJsonLineCostsOneRecord() throws IOException {
        EventFileReader.Outcome outcome = read("{\"a\": 1}\n{\"b\": \n[1, 2]\n{\"c\": 3}\n");
        assertEquals(2, outcome.events());
        assertEquals(2, outcome.badRecords());
        assertTrue(outcome.firstProblem().startsWith("f:2:"), outcome.firstProblem());
        assertEquals("f:4", events.get(1).source());
    }

    @Test
    void brokenPrettyPrintedJsonIsReportedWithPositionAndKeepsWhatWasRead() throws IOException {
        EventFileReader.Outcome outcome = read("{\n \"a\": 1\n}\n{\"b\": \n[1, 2]\n");
        assertEquals(1, outcome.events());
        assertEquals(1, outcome.badRecords());
        assertTrue(outcome.firstProblem().startsWith("f:6:"), outcome.firstProblem());
    }
}
