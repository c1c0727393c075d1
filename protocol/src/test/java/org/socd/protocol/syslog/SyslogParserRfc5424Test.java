package org.socd.protocol.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;

class SyslogParserRfc5424Test {

    static final Instant NOW = Instant.parse("2026-11-26T23:20:00.123456789Z");
    static final SyslogParser PARSER = new SyslogParser(ZoneOffset.UTC, Clock.fixed(NOW, ZoneOffset.UTC));
    static final ReceiveMetadata META = new ReceiveMetadata("syslog-tcp", "10.1.2.3", 40000,
            NOW.getEpochSecond() * 1_000_000_000L + NOW.getNano());

    static Event parse(String line) {
        return parse(line.getBytes(StandardCharsets.UTF_8));
    }

    static Event parse(byte[] line) {
        return PARSER.parse(line, 0, line.length, META);
    }

    @Test
    void rfcExampleWithFractionAndNegativeOffsetIsNormalizedToUtc() {
        Event e = parse("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.");
        assertEquals("2003-08-24T12:14:15.000003Z", e.get(Event.TIMESTAMP));
        assertEquals(20, e.get(Event.FACILITY));
        assertEquals(5, e.get(Event.SEVERITY));
        assertEquals("192.0.2.1", e.get(Event.HOSTNAME));
        assertEquals("myproc", e.get(Event.APPNAME));
        assertEquals("8710", e.get(Event.PROCID));
        assertFalse(e.has(Event.MSGID));
        assertFalse(e.has(Event.STRUCTURED_DATA));
        assertEquals("%% It's time to make the do-nuts.", e.get(Event.MESSAGE));
        assertFalse(e.has(Event.PARSE_ERROR), () -> e.getString(Event.PARSE_ERROR));
    }

    @Test
    void zuluTimestampWithMillisecondsAndBomBeforeMessage() {
        byte[] head = "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - ".getBytes(StandardCharsets.UTF_8);
        byte[] msg = "'su root' failed for lonvick on /dev/pts/8".getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[head.length + 3 + msg.length];
        System.arraycopy(head, 0, line, 0, head.length);
        line[head.length] = (byte) 0xEF;
        line[head.length + 1] = (byte) 0xBB;
        line[head.length + 2] = (byte) 0xBF;
        System.arraycopy(msg, 0, line, head.length + 3, msg.length);
        Event e = parse(line);
        assertEquals("2003-10-11T22:14:15.003Z", e.get(Event.TIMESTAMP));
        assertEquals(4, e.get(Event.FACILITY));
        assertEquals(2, e.get(Event.SEVERITY));
        assertEquals("mymachine.example.com", e.get(Event.HOSTNAME));
        assertEquals("su", e.get(Event.APPNAME));
        assertFalse(e.has(Event.PROCID));
        assertEquals("ID47", e.get(Event.MSGID));
        assertEquals("'su root' failed for lonvick on /dev/pts/8", e.get(Event.MESSAGE));
        assertFalse(e.has(Event.PARSE_ERROR));
    }

    @Test
    void rawWithBomIsTheWholeLineDecodedWhetherTheHeaderIsAsciiOrNot() {
        for (String host : new String[] {"mymachine.example.com", "h\u00f6st", "caf\u00e9\u00e9"}) {
            byte[] line = ("<34>1 2003-10-11T22:14:15.003Z " + host + " su - ID47 [x@1 a=\"\u00fc\"] \uFEFFZo\u00eb failed")
                    .getBytes(StandardCharsets.UTF_8);
            Event e = parse(line);
            assertEquals(new String(line, StandardCharsets.UTF_8), e.get(Event.RAW), host);
            assertEquals("Zo\u00eb failed", e.get(Event.MESSAGE), host);
        }
        byte[] bomOnly = "<34>1 2003-10-11T22:14:15.003Z h su - ID47 - \uFEFF".getBytes(StandardCharsets.UTF_8);
        Event e = parse(bomOnly);
        assertEquals(new String(bomOnly, StandardCharsets.UTF_8), e.get(Event.RAW));
        assertFalse(e.has(Event.MESSAGE));
    }

    @Test
    void positiveOffsetAndWholeSecondsStillGetMilliseconds() {
        Event e = parse("<13>1 2026-01-02T03:04:05+03:30 h a - - - m");
        assertEquals("2026-01-01T23:34:05.000Z", e.get(Event.TIMESTAMP));
    }

    @Test
    void nanosecondFractionIsKeptAndLongerFractionsTruncated() {
        assertEquals("2026-01-02T03:04:05.123456789Z", parse("<13>1 2026-01-02T03:04:05.123456789Z h a - - - m").get(Event.TIMESTAMP));
        assertEquals("2026-01-02T03:04:05.123456789Z", parse("<13>1 2026-01-02T03:04:05.1234567891Z h a - - - m").get(Event.TIMESTAMP));
    }

    @Test
    void nilValueInEveryHeaderFieldLeavesThemAbsentAndHostFromPeer() {
        Event e = parse("<14>1 - - - - - -");
        assertEquals(e.get(Event.RECEIVED), e.get(Event.TIMESTAMP));
        assertEquals("2026-11-26T23:20:00.123456789Z", e.get(Event.RECEIVED));
        assertEquals("10.1.2.3", e.get(Event.HOSTNAME));
        assertFalse(e.has(Event.APPNAME));
        assertFalse(e.has(Event.PROCID));
        assertFalse(e.has(Event.MSGID));
        assertFalse(e.has(Event.STRUCTURED_DATA));
        assertFalse(e.has(Event.MESSAGE));
        assertFalse(e.has(Event.PARSE_ERROR));
        assertEquals("10.1.2.3", e.get(Event.SOURCE_IP));
        assertEquals("syslog-tcp", e.get(Event.INPUT));
        assertEquals("<14>1 - - - - - -", e.get(Event.RAW));
    }

    @Test
    void structuredDataWithSeveralElementsAndEscapes() {
        Event e = parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]"
                + "[examplePriority@32473 class=\"high\" quote=\"say \\\"hi\\\"\" path=\"C:\\\\temp\" br=\"a\\]b\" other=\"\\n\"]"
                + " An application event log entry...");
        Map<?, ?> sd = (Map<?, ?>) e.get(Event.STRUCTURED_DATA);
        assertEquals(Map.of("iut", "3", "eventSource", "Application", "eventID", "1011"), sd.get("exampleSDID@32473"));
        assertEquals(Map.of("class", "high", "quote", "say \"hi\"", "path", "C:\\temp", "br", "a]b", "other", "\\n"),
                sd.get("examplePriority@32473"));
        assertEquals("Application", e.get("structured_data.exampleSDID@32473.eventSource"));
        assertEquals("An application event log entry...", e.get(Event.MESSAGE));
        assertFalse(e.has(Event.PARSE_ERROR));
    }

    @Test
    void structuredDataIsReadFromACopySoTheCallerMayReuseItsBuffer() {
        byte[] line = "<165>1 2003-10-11T22:14:15.003Z host app 12 ID1 [origin ip=\"10.0.0.1\"][meta seq=\"7\"] m"
                .getBytes(StandardCharsets.UTF_8);
        Event e = parse(line);
        java.util.Arrays.fill(line, (byte) 'x'); // a decoder thread's buffer, refilled with the next record
        assertEquals(Map.of("origin", Map.of("ip", "10.0.0.1"), "meta", Map.of("seq", "7")), e.get(Event.STRUCTURED_DATA));
        assertEquals("{origin={ip=10.0.0.1}, meta={seq=7}}", e.get(Event.STRUCTURED_DATA).toString(), "in line order");
    }

    @Test
    void structuredDataWritesTheSameJsonAsAPlainMap() {
        Event e = parse("<165>1 2003-10-11T22:14:15.003Z host app 12 ID1 [a x=\"1\" y=\"q\\\"\u00fc\"][b z=\"2\"] m");
        Map<String, Object> plain = new java.util.LinkedHashMap<>();
        Map<String, String> a = new java.util.LinkedHashMap<>();
        a.put("x", "1");
        a.put("y", "q\"\u00fc");
        plain.put("a", a);
        plain.put("b", Map.of("z", "2"));
        tools.jackson.databind.ObjectMapper json = new tools.jackson.databind.ObjectMapper();
        assertEquals(json.writeValueAsString(plain), json.writeValueAsString(e.get(Event.STRUCTURED_DATA)));
        assertEquals("{\"a\":{\"x\":\"1\",\"y\":\"q\\\"\u00fc\"},\"b\":{\"z\":\"2\"}}",
                json.writeValueAsString(e.get(Event.STRUCTURED_DATA)));
        assertEquals(plain.hashCode(), e.get(Event.STRUCTURED_DATA).hashCode());
    }

    @Test
    void repeatedSdIdsAreMerged() {
        Event e = parse("<165>1 2003-10-11T22:14:15.003Z host app 12 ID1 [a x=\"1\"][b y=\"2\"][a z=\"3\" x=\"4\"] m");
        assertEquals("{a={x=4, z=3}, b={y=2}}", e.get(Event.STRUCTURED_DATA).toString());
    }

    @Test
    void structuredDataWithoutMessage() {
        Event e = parse("<165>1 2003-10-11T22:14:15.003Z host app 12 ID1 [origin ip=\"10.0.0.1\"]");
        assertEquals(Map.of("origin", Map.of("ip", "10.0.0.1")), e.get(Event.STRUCTURED_DATA));
        assertFalse(e.has(Event.MESSAGE));
        assertFalse(e.has(Event.PARSE_ERROR));
    }

    @Test
    void utf8InStructuredDataValuesAndMessage() {
        Event e = parse("<13>1 2026-01-02T03:04:05Z h a - - [x@1 user=\"Zoë\"] Grüße");
        assertEquals("Zoë", e.get("structured_data.x@1.user"));
        assertEquals("Grüße", e.get(Event.MESSAGE));
    }

    @Test
    void malformedStructuredDataKeepsGoodElementsAndTheRestAsMessage() {
        Event e = parse("<13>1 2026-01-02T03:04:05Z h a - - [ok a=\"1\"][bad a] text");
        assertEquals(Map.of("ok", Map.of("a", "1")), e.get(Event.STRUCTURED_DATA));
        assertEquals("[bad a] text", e.get(Event.MESSAGE));
        assertTrue(e.getString(Event.PARSE_ERROR).startsWith("malformed STRUCTURED-DATA at column 52: expected PARAM-NAME=\"value\" in SD-ELEMENT 'bad'"),
                e.getString(Event.PARSE_ERROR));
    }

    @Test
    void unquotedParamValuesAreKeptLenientlyAndFlagged() {
        Event e = parse("<13>1 2026-01-02T03:04:05Z h a - - [ok a=\"1\"][sloppy a=1 b=two] text");
        assertEquals(Map.of("ok", Map.of("a", "1"), "sloppy", Map.of("a", "1", "b", "two")), e.get(Event.STRUCTURED_DATA));
        assertEquals("text", e.get(Event.MESSAGE));
        assertEquals("unquoted value of 'a' in SD-ELEMENT 'sloppy' at column 56: kept as is; "
                + "unquoted value of 'b' in SD-ELEMENT 'sloppy' at column 60: kept as is", e.get(Event.PARSE_ERROR));
    }

    @Test
    void literalBomPlaceholderOfTheRfcExamplesIsDropped() {
        Event e = parse("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - BOM'su root' failed for lonvick on /dev/pts/8");
        assertEquals("'su root' failed for lonvick on /dev/pts/8", e.get(Event.MESSAGE));
        assertEquals("BOMB threat", SyslogParserRfc3164Test.parse("<13>Mar 12 12:00:08 host app: BOMB threat").get(Event.MESSAGE),
                "only RFC 5424 has a BOM position");
    }

    @Test
    void unterminatedParamValueIsReported() {
        Event e = parse("<13>1 2026-01-02T03:04:05Z h a - - [x a=\"open");
        assertFalse(e.has(Event.STRUCTURED_DATA));
        assertEquals("[x a=\"open", e.get(Event.MESSAGE));
        assertTrue(e.getString(Event.PARSE_ERROR).contains("unterminated value of 'a'"), e.getString(Event.PARSE_ERROR));
    }

    @Test
    void truncatedHeaderKeepsWhatWasThere() {
        Event e = parse("<13>1 2026-01-02T03:04:05Z host app");
        assertEquals("host", e.get(Event.HOSTNAME));
        assertEquals("app", e.get(Event.APPNAME));
        assertFalse(e.has(Event.MESSAGE));
        assertEquals("truncated RFC 5424 header: no PROCID at column 36", e.get(Event.PARSE_ERROR));
    }

    @Test
    void invalidTimestampInA5424HeaderIsReportedAndReceiveTimeUsed() {
        Event e = parse("<13>1 2026-02-30T03:04:05Z host app - - - hello");
        assertEquals(e.get(Event.RECEIVED), e.get(Event.TIMESTAMP));
        assertEquals("host", e.get(Event.HOSTNAME));
        assertEquals("hello", e.get(Event.MESSAGE));
        assertEquals("unparseable timestamp '2026-02-30T03:04:05Z'", e.get(Event.PARSE_ERROR));
    }

    @Test
    void unsupportedVersionFallsBackTo3164() {
        Event e = parse("<13>2 2026-01-02T03:04:05Z host sshd[42]: hello");
        assertEquals("2026-01-02T03:04:05.000Z", e.get(Event.TIMESTAMP));
        assertEquals("host", e.get(Event.HOSTNAME));
        assertEquals("sshd", e.get(Event.APPNAME));
        assertEquals("42", e.get(Event.PROCID));
        assertEquals("hello", e.get(Event.MESSAGE));
        assertEquals("unsupported syslog VERSION 2: parsed as RFC 3164", e.get(Event.PARSE_ERROR));
    }

    @Test
    void missingVersionWithRfc3339TimestampIsRead3164Style() {
        Event e = parse("<165>2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc[8710]: do-nuts");
        assertEquals("2003-08-24T12:14:15.000003Z", e.get(Event.TIMESTAMP));
        assertEquals("192.0.2.1", e.get(Event.HOSTNAME));
        assertEquals("myproc", e.get(Event.APPNAME));
        assertEquals("8710", e.get(Event.PROCID));
        assertEquals("do-nuts", e.get(Event.MESSAGE));
        assertFalse(e.has(Event.PARSE_ERROR));
    }

    @Test
    void extraSpaceBeforeMessageIsDropped() {
        assertEquals("Started System Logging Service.",
                parse("<30>1 2018-02-01T20:28:36.837251+00:00 miner-01 systemd 1 - -  Started System Logging Service.").get(Event.MESSAGE));
    }
}
