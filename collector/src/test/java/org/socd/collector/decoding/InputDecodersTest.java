package org.socd.collector.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socd.collector.json.JsonTcpInput;
import org.socd.collector.syslog.SyslogTcpInput;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;

class InputDecodersTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00.123456789Z");
    private static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L + NOW.getNano();
    private final InputDecoders decoders = InputDecoders.of(ZoneId.of("UTC"), Clock.fixed(NOW, ZoneOffset.UTC));

    private static final String EVTX = "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":"
            + "\"Microsoft-Windows-Security-Auditing\"}},\"EventID\":{\"#text\":4625,\"#attributes\":{\"Qualifiers\":0}},"
            + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2026-11-20T09:14:03.517224Z\"}},"
            + "\"Channel\":\"Security\",\"Computer\":\"WS-0142\"},"
            + "\"EventData\":{\"TargetUserName\":\"administrator\",\"IpAddress\":\"198.51.100.23\",\"LogonType\":3}}}";

    private Event decode(String input, String line) {
        byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        // Offset and length as the ring hands them: only the record's own bytes are read.
        return decoders.decode(bytes, 2, bytes.length - 4, new ReceiveMetadata(input, "192.0.2.9", 50123, NOW_NANOS));
    }

    @Test
    void jsonInputRecordsAreFlattenedWindowsEventsWithTheReceiveFields() {
        Event e = decode(JsonTcpInput.INPUT, EVTX);
        assertEquals(4625, e.get("EventID"));
        assertEquals("Security", e.get("Channel"));
        assertEquals("Microsoft-Windows-Security-Auditing", e.get("Provider_Name"));
        assertEquals("administrator", e.get("TargetUserName"));
        assertEquals(3, e.get("LogonType"));
        assertEquals("2026-11-20T09:14:03.517224Z", e.get(Event.TIMESTAMP));
        assertEquals("2026-11-26T12:00:00.123456789Z", e.get(Event.RECEIVED));
        assertEquals("json-tcp", e.get(Event.INPUT));
        assertEquals("192.0.2.9", e.get(Event.SOURCE_IP));
        assertEquals(EVTX, e.get(Event.RAW));
        assertNull(e.get(Event.PARSE_ERROR));
    }

    @Test
    void otherJsonObjectsStayNestedAndTheirOwnTimeIsNormalizedToUtc() {
        Event e = decode(JsonTcpInput.INPUT, "{\"@timestamp\":\"2026-11-20T10:05:00+01:00\",\"process\":{\"name\":\"cmd.exe\"}}");
        assertEquals("cmd.exe", e.get("process.name"));
        assertEquals("2026-11-20T09:05:00Z", e.get(Event.TIMESTAMP));
        assertEquals("2026-11-20T08:00:00.500Z",
                decode(JsonTcpInput.INPUT, "{\"timestamp\":\"2026-11-20 08:00:00.500000 UTC\"}").get(Event.TIMESTAMP),
                "the spaced UTC form of older evtx_dump versions");
        assertEquals("yesterday", decode(JsonTcpInput.INPUT, "{\"timestamp\":\"yesterday\"}").get(Event.TIMESTAMP),
                "an unreadable time is kept as sent");
        assertEquals("2026-11-26T12:00:00.123456789Z", decode(JsonTcpInput.INPUT, "{\"a\":1}").get(Event.TIMESTAMP),
                "no time of its own: the receive time");
    }

    @Test
    void aRecordThatIsNotOneJsonObjectIsKeptWithParseErrorAndRaw() {
        for (String bad : new String[] {"not json", "[1,2]", "42", "{\"a\":", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}",
                "[".repeat(5000), "\u0000\u00ff garbage"}) {
            Event e = decode(JsonTcpInput.INPUT, bad);
            String error = e.getString(Event.PARSE_ERROR);
            assertTrue(error != null && !error.isBlank(), bad + " -> " + e);
            assertEquals(bad, e.get(Event.RAW));
            assertEquals("json-tcp", e.get(Event.INPUT));
            assertEquals("192.0.2.9", e.get(Event.SOURCE_IP));
            assertEquals(e.get(Event.RECEIVED), e.get(Event.TIMESTAMP));
        }
        assertTrue(decode(JsonTcpInput.INPUT, "not json").getString(Event.PARSE_ERROR).contains("column 1"));
    }

    @Test
    void syslogInputsStillGetTheSyslogDecoding() {
        String line = "<38>Nov 26 11:59:58 web1 sshd[812]: Failed password for invalid user admin from 203.0.113.7 port 52113 ssh2";
        Event e = decode(SyslogTcpInput.INPUT, line);
        assertEquals("web1", e.get(Event.HOSTNAME));
        assertEquals("sshd", e.get(Event.APPNAME));
        assertEquals("203.0.113.7", e.get("src_ip"), "the sshd field decoder ran");
        assertEquals("syslog-tcp", e.get(Event.INPUT));
        // JSON sent to a syslog port is a syslog message, not an object.
        Event json = decode("syslog-udp", EVTX);
        assertNull(json.get("EventID"));
        assertEquals(EVTX, json.get(Event.MESSAGE));
        assertTrue(json.fields().keySet().containsAll(Map.of("facility", 1, "severity", 1).keySet()));
    }
}
