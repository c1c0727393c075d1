package org.socd.protocol.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;

class SyslogParserRfc3164Test {

    static final Instant NOW = Instant.parse("2026-11-26T23:20:00Z");
    static final SyslogParser PARSER = new SyslogParser(ZoneOffset.UTC, Clock.fixed(NOW, ZoneOffset.UTC));
    static final ReceiveMetadata META = new ReceiveMetadata("syslog-udp", "10.1.2.3", 40000,
            NOW.getEpochSecond() * 1_000_000_000L);

    static Event parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return PARSER.parse(b, 0, b.length, META);
    }

    static Event parseAt(String line, String now, ZoneId zone) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return new SyslogParser(zone, Clock.fixed(Instant.parse(now), ZoneOffset.UTC)).parse(b, 0, b.length, META);
    }

    @Test
    void classicLineWithPri() {
        Event e = parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8");
        assertEquals("2026-10-11T22:14:15.000Z", e.get(Event.TIMESTAMP));
        assertEquals(4, e.get(Event.FACILITY));
        assertEquals(2, e.get(Event.SEVERITY));
        assertEquals("mymachine", e.get(Event.HOSTNAME));
        assertEquals("su", e.get(Event.APPNAME));
        assertFalse(e.has(Event.PROCID));
        assertEquals("'su root' failed for lonvick on /dev/pts/8", e.get(Event.MESSAGE));
        assertFalse(e.has(Event.PARSE_ERROR));
        assertEquals("10.1.2.3", e.get(Event.SOURCE_IP));
    }

    @Test
    void noPriDefaultsToUserNoticeAndSaysSo() {
        Event e = parse("Mar 12 12:00:08 server2 rcd[308]: Loaded 12 packages");
        assertEquals(1, e.get(Event.FACILITY));
        assertEquals(5, e.get(Event.SEVERITY));
        assertEquals("server2", e.get(Event.HOSTNAME));
        assertEquals("rcd", e.get(Event.APPNAME));
        assertEquals("308", e.get(Event.PROCID));
        assertEquals("Loaded 12 packages", e.get(Event.MESSAGE));
        assertEquals("no PRI: defaulted to <13>", e.get(Event.PARSE_ERROR));
    }

    @Test
    void priOutOfRangeIsConsumedAndDefaulted() {
        Event e = parse("<999>Mar 12 12:00:08 host app: x");
        assertEquals(5, e.get(Event.SEVERITY));
        assertEquals("host", e.get(Event.HOSTNAME));
        assertEquals("PRI 999 out of range 0..191: defaulted to <13>", e.get(Event.PARSE_ERROR));
    }

    @Test
    void spaceBeforeTimestamp() {
        Event e = parse("<13> Mar 12 12:00:08 host app: x");
        assertEquals("2026-03-12T12:00:08.000Z", e.get(Event.TIMESTAMP));
        assertEquals("host", e.get(Event.HOSTNAME));
        assertFalse(e.has(Event.PARSE_ERROR));
    }

    @Test
    void yearAndTrailingColonInTimestamp() {
        Event e = parse("<13>Mar 12 2018 12:00:08: host app: x");
        assertEquals("2018-03-12T12:00:08.000Z", e.get(Event.TIMESTAMP));
        assertEquals("host", e.get(Event.HOSTNAME));
        assertEquals("app", e.get(Event.APPNAME));
        assertEquals("x", e.get(Event.MESSAGE));
        assertFalse(e.has(Event.PARSE_ERROR));
    }

    @Test
    void yearAfterTheTime() {
        Event e = parse("<13>Mar 12 12:00:08 2018 host app: x");
        assertEquals("2018-03-12T12:00:08.000Z", e.get(Event.TIMESTAMP));
        assertEquals("host", e.get(Event.HOSTNAME));
        assertEquals("app", e.get(Event.APPNAME));
        assertFalse(e.has(Event.PARSE_ERROR));
        assertEquals("2018-03-12T12:00:08.000Z", parse("<13>Mar 12 12:00:08 2018: host app: x").get(Event.TIMESTAMP));
    }

    @Test
    void yearAfterTheZoneNameAsInTheRfcExample() {
        Event e = parse("<165>Aug 24 05:34:00 CST 1987 mymachine myproc[10]: %% It's time to make the do-nuts.  %%  Ingredients: Mix=OK, Jam=OK");
        assertEquals("1987-08-24T11:34:00.000Z", e.get(Event.TIMESTAMP));
        assertEquals("mymachine", e.get(Event.HOSTNAME));
        assertEquals("myproc", e.get(Event.APPNAME));
        assertEquals("10", e.get(Event.PROCID));
        assertEquals("%% It's time to make the do-nuts.  %%  Ingredients: Mix=OK, Jam=OK", e.get(Event.MESSAGE));
        assertFalse(e.has(Event.PARSE_ERROR));
    }

    @Test
    void fullMonthNames() {
        assertEquals("2026-03-12T12:00:08.000Z", parse("<13>March 12 12:00:08 host app: x").get(Event.TIMESTAMP));
        assertEquals("2025-09-01T12:00:08.000Z", parse("<13>SEPTEMBER  1 2025 12:00:08 host app: x").get(Event.TIMESTAMP));
        assertEquals("2026-09-01T12:00:08.000Z", parse("<13>Sept 1 12:00:08 host app: x").get(Event.TIMESTAMP));
        assertTrue(parse("<13>Marching 12 12:00:08 host app: x").has(Event.PARSE_ERROR));
    }

    @Test
    void relayPrefixNamesTheOriginHost() {
        Event e = parse("<13>Mar 12 12:00:08 Message forwarded from web07: sshd[42]: Accepted publickey for root");
        assertEquals("web07", e.get(Event.HOSTNAME));
        assertEquals("sshd", e.get(Event.APPNAME));
        assertEquals("42", e.get(Event.PROCID));
        assertEquals("Accepted publickey for root", e.get(Event.MESSAGE));
        assertFalse(e.has(Event.PARSE_ERROR));
        Event afterRelay = parse("<13>Mar 12 12:00:08 relay1 Message forwarded from db02: cron: job done");
        assertEquals("db02", afterRelay.get(Event.HOSTNAME));
        assertEquals("cron", afterRelay.get(Event.APPNAME));
        Event noTimestamp = parse("<13>Message forwarded from db03: su: ok");
        assertEquals("db03", noTimestamp.get(Event.HOSTNAME));
        assertEquals("su", noTimestamp.get(Event.APPNAME));
    }

    @Test
    void headerlessKeyValueBodyGivesTimeAndHost() {
        String body = "date=2026-11-26 time=10:00:00 devname=\"FG100E\" devid=\"FG100E4Q17000000\" logid=\"0000000013\" "
                + "type=\"traffic\" subtype=\"forward\" srcip=10.1.1.5 dstip=8.8.8.8 action=\"accept\"";
        Event e = parse("<189>" + body);
        assertEquals("2026-11-26T10:00:00.000Z", e.get(Event.TIMESTAMP));
        assertEquals("FG100E", e.get(Event.HOSTNAME));
        assertEquals(body, e.get(Event.MESSAGE));
        assertEquals(23, e.get(Event.FACILITY));
        assertFalse(e.has(Event.APPNAME));
        assertFalse(e.has(Event.PARSE_ERROR), () -> e.getString(Event.PARSE_ERROR));
        Event withZone = parse("<189>date=2026-11-26 time=10:00:00 devname=FG1 tz=\"+0100\" logid=1");
        assertEquals("2026-11-26T09:00:00.000Z", withZone.get(Event.TIMESTAMP));
        Event tehran = parseAt("date=2026-11-26 time=10:00:00 devname=FG2", "2026-11-26T23:20:00Z", ZoneId.of("Asia/Tehran"));
        assertEquals("2026-11-26T06:30:00.000Z", tehran.get(Event.TIMESTAMP));
        assertEquals("FG2", tehran.get(Event.HOSTNAME));
    }

    @Test
    void trailingColonWithoutYearAndMilliseconds() {
        Event e = parse("<13>Mar 12 12:00:08.250: host app[9]: x");
        assertEquals("2026-03-12T12:00:08.250Z", e.get(Event.TIMESTAMP));
        assertEquals("host", e.get(Event.HOSTNAME));
        assertEquals("app", e.get(Event.APPNAME));
        assertEquals("9", e.get(Event.PROCID));
        assertFalse(e.has(Event.PARSE_ERROR));
    }

    @Test
    void upperCaseMonthAndSpacePaddedDay() {
        Event e = parse("<13>MAR  1 12:00:08 host app: x");
        assertEquals("2026-03-01T12:00:08.000Z", e.get(Event.TIMESTAMP));
        assertEquals("host", e.get(Event.HOSTNAME));
    }

    @Test
    void ciscoSequenceNumberClockMarkerMillisAndZoneName() {
        Event e = parse("<189>123: *Mar  1 18:46:11.123 UTC: %SYS-5-CONFIG_I: Configured from console by vty0 (10.0.0.1)");
        assertEquals("2026-03-01T18:46:11.123Z", e.get(Event.TIMESTAMP));
        assertEquals(23, e.get(Event.FACILITY));
        assertEquals(5, e.get(Event.SEVERITY));
        assertEquals("10.1.2.3", e.get(Event.HOSTNAME), "no hostname in the line: the peer is the host");
        assertEquals("%SYS-5-CONFIG_I", e.get(Event.APPNAME));
        assertEquals("Configured from console by vty0 (10.0.0.1)", e.get(Event.MESSAGE));
        assertFalse(e.has(Event.PARSE_ERROR), () -> e.getString(Event.PARSE_ERROR));
    }

    @Test
    void ciscoOriginIdHostnameBeforeTimestamp() {
        Event e = parse("<189>57: core-sw1: *Mar  1 18:46:11.123 UTC: %SYS-5-CONFIG_I: Configured from console");
        assertEquals("core-sw1", e.get(Event.HOSTNAME));
        assertEquals("2026-03-01T18:46:11.123Z", e.get(Event.TIMESTAMP));
        assertEquals("%SYS-5-CONFIG_I", e.get(Event.APPNAME));
        assertEquals("Configured from console", e.get(Event.MESSAGE));
        assertFalse(e.has(Event.PARSE_ERROR));
    }

    @Test
    void tagWithoutTimestampIsNotTakenForAnOriginHost() {
        Event e = parse("<13>backup: Mar report done");
        assertEquals("backup", e.get(Event.APPNAME));
        assertEquals("Mar report done", e.get(Event.MESSAGE));
        assertEquals("10.1.2.3", e.get(Event.HOSTNAME));
    }

    @Test
    void ciscoNotSyncedMarkerAndNonUtcZoneName() {
        Event e = parse("<187>45: .Jun  3 09:00:00.5 CEST: %LINK-3-UPDOWN: Interface Gi0/1, changed state to down");
        assertEquals("2026-06-03T07:00:00.500Z", e.get(Event.TIMESTAMP));
        assertEquals("%LINK-3-UPDOWN", e.get(Event.APPNAME));
        assertEquals("Interface Gi0/1, changed state to down", e.get(Event.MESSAGE));
    }

    @Test
    void uppercaseHostnameAfterTimeIsNotMistakenForAZone() {
        Event e = parse("<13>Mar  1 18:46:11 FIREWALL kernel: drop");
        assertEquals("FIREWALL", e.get(Event.HOSTNAME));
        assertEquals("kernel", e.get(Event.APPNAME));
        assertEquals("2026-03-01T18:46:11.000Z", e.get(Event.TIMESTAMP));
    }

    @Test
    void messageStartingWithNumberAndColonIsNotASequenceNumber() {
        Event e = parse("<13>42: the answer");
        assertEquals("42: the answer", e.get(Event.MESSAGE));
        assertFalse(e.has(Event.APPNAME));
    }

    @Test
    void noHostnameTagRightAfterTimestamp() {
        Event e = parse("<38>Feb  5 10:01:02 sshd[4711]: Accepted publickey for root");
        assertEquals("10.1.2.3", e.get(Event.HOSTNAME));
        assertEquals("sshd", e.get(Event.APPNAME));
        assertEquals("4711", e.get(Event.PROCID));
        assertEquals("Accepted publickey for root", e.get(Event.MESSAGE));
        assertFalse(e.has(Event.PARSE_ERROR));
    }

    @Test
    void rfc3339TimestampInside3164() {
        Event e = parse("<86>2026-11-26T10:00:00.250+01:00 web01 sudo: alice : TTY=pts/0 ; COMMAND=/bin/ls");
        assertEquals("2026-11-26T09:00:00.250Z", e.get(Event.TIMESTAMP));
        assertEquals("web01", e.get(Event.HOSTNAME));
        assertEquals("sudo", e.get(Event.APPNAME));
        assertEquals("alice : TTY=pts/0 ; COMMAND=/bin/ls", e.get(Event.MESSAGE));
    }

    @Test
    void tagWithParenthesesAndPid() {
        Event e = parse("<85>Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0");
        assertEquals("sshd(pam_unix)", e.get(Event.APPNAME));
        assertEquals("19939", e.get(Event.PROCID));
        assertEquals("authentication failure; logname= uid=0", e.get(Event.MESSAGE));
    }

    @Test
    void tagWithSlash() {
        Event e = parse("<22>Mar  1 00:00:00 avas postfix/smtpd[2410]: connect from unknown[1.2.3.4]");
        assertEquals("postfix/smtpd", e.get(Event.APPNAME));
        assertEquals("2410", e.get(Event.PROCID));
        assertEquals("connect from unknown[1.2.3.4]", e.get(Event.MESSAGE));
    }

    @Test
    void pidWithColonInside() {
        Event e = parse("<29>Jul  4 08:00:00 nas monit[2340:0]: 'nas' mem usage of 95% matches resource limit");
        assertEquals("monit", e.get(Event.APPNAME));
        assertEquals("2340:0", e.get(Event.PROCID));
        assertEquals("'nas' mem usage of 95% matches resource limit", e.get(Event.MESSAGE));
    }

    @Test
    void tagLongerThan32Characters() {
        String tag = "com.example.very.long.application.name.service";
        Event e = parse("<14>Jul  4 08:00:00 host " + tag + "[7]: started");
        assertEquals(tag, e.get(Event.APPNAME));
        assertEquals("7", e.get(Event.PROCID));
        assertEquals("started", e.get(Event.MESSAGE));
    }

    @Test
    void colonInsideTextIsNotATag() {
        Event e = parse("<14>Jul  4 08:00:00 host http://example.com/ is down");
        assertEquals("host", e.get(Event.HOSTNAME));
        assertFalse(e.has(Event.APPNAME));
        assertEquals("http://example.com/ is down", e.get(Event.MESSAGE));
    }

    @Test
    void versionOneWithoutRfc3339TimestampIsNot5424() {
        Event e = parse("<13>1 apple a day");
        assertEquals("1 apple a day", e.get(Event.MESSAGE));
        assertEquals("unparseable timestamp '1 apple a'", e.get(Event.PARSE_ERROR));
    }

    @Test
    void unparseableTimestampKeepsTextAndUsesReceiveTime() {
        Event e = parse("<13>Foo 99 something happened");
        assertEquals(e.get(Event.RECEIVED), e.get(Event.TIMESTAMP));
        assertEquals("Foo 99 something happened", e.get(Event.MESSAGE));
        assertEquals("10.1.2.3", e.get(Event.HOSTNAME));
        assertEquals("unparseable timestamp 'Foo 99 something'", e.get(Event.PARSE_ERROR));
    }

    @Test
    void noTimestampButTag() {
        Event e = parse("<13>myscript[99]: backup done");
        assertEquals("myscript", e.get(Event.APPNAME));
        assertEquals("99", e.get(Event.PROCID));
        assertEquals("backup done", e.get(Event.MESSAGE));
    }

    @Test
    void invalidDayIsNotATimestamp() {
        Event e = parse("<13>Feb 30 12:00:00 host app: x");
        assertTrue(e.getString(Event.PARSE_ERROR).startsWith("unparseable timestamp 'Feb 30 12:00:00'"));
        assertEquals("Feb 30 12:00:00 host app: x", e.get(Event.MESSAGE));
    }

    @Test
    void nonUtf8BytesAreDecodedWithReplacement() {
        byte[] head = "<13>Mar 12 12:00:08 host app: caf".getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[head.length + 2];
        System.arraycopy(head, 0, line, 0, head.length);
        line[head.length] = (byte) 0xE9; // Latin-1 'é', invalid as UTF-8 here
        line[head.length + 1] = '!';
        Event e = PARSER.parse(line, 0, line.length, META);
        assertEquals("caf\uFFFD!", e.get(Event.MESSAGE));
        assertEquals("<13>Mar 12 12:00:08 host app: caf\uFFFD!", e.get(Event.RAW));
        assertEquals("app", e.get(Event.APPNAME));
    }

    @Test
    void trailingLineEndingsAndNulAreStripped() {
        Event e = parse("<13>Mar 12 12:00:08 host app: x\r\n\0");
        assertEquals("x", e.get(Event.MESSAGE));
        assertEquals("<13>Mar 12 12:00:08 host app: x", e.get(Event.RAW));
    }

    @Test
    void sliceOfALargerBufferIsParsedAlone() {
        byte[] b = "garbage<13>Mar 12 12:00:08 host app: x|more".getBytes(StandardCharsets.US_ASCII);
        Event e = PARSER.parse(b, 7, 31, META);
        assertEquals("<13>Mar 12 12:00:08 host app: x", e.get(Event.RAW));
        assertEquals("x", e.get(Event.MESSAGE));
        assertFalse(e.has(Event.PARSE_ERROR));
    }

    @Test
    void decemberLineReceivedInJanuaryBelongsToLastYear() {
        Event e = parseAt("<13>Dec 31 23:59:58 host app: x", "2027-01-01T00:00:05Z", ZoneOffset.UTC);
        assertEquals("2026-12-31T23:59:58.000Z", e.get(Event.TIMESTAMP));
    }

    @Test
    void januaryLineFromAClockSlightlyAheadBelongsToNextYear() {
        Event e = parseAt("<13>Jan  1 00:00:03 host app: x", "2026-12-31T23:59:59Z", ZoneOffset.UTC);
        assertEquals("2027-01-01T00:00:03.000Z", e.get(Event.TIMESTAMP));
    }

    @Test
    void stampMoreThanADayAheadIsLastYear() {
        Event e = parseAt("<13>Nov 28 12:00:00 host app: x", "2026-11-26T23:20:00Z", ZoneOffset.UTC);
        assertEquals("2025-11-28T12:00:00.000Z", e.get(Event.TIMESTAMP));
        Event withinADay = parseAt("<13>Nov 27 12:00:00 host app: x", "2026-11-26T23:20:00Z", ZoneOffset.UTC);
        assertEquals("2026-11-27T12:00:00.000Z", withinADay.get(Event.TIMESTAMP));
    }

    @Test
    void february29thFindsTheLastLeapYear() {
        Event e = parseAt("<13>Feb 29 10:00:00 host app: x", "2026-11-26T23:20:00Z", ZoneOffset.UTC);
        assertEquals("2024-02-29T10:00:00.000Z", e.get(Event.TIMESTAMP));
    }

    @Test
    void yearlessStampIsReadInTheConfiguredZoneIncludingItsYear() {
        ZoneId tehran = ZoneId.of("Asia/Tehran");
        // 2027-01-01 01:00 in Tehran is still 2026 in UTC: the year must come from the local date.
        Event e = parseAt("<13>Jan  1 00:30:00 host app: x", "2026-12-31T21:30:00Z", tehran);
        assertEquals("2026-12-31T21:00:00.000Z", e.get(Event.TIMESTAMP));
    }

    @Test
    void emptyInputIsAnEventToo() {
        Event e = PARSER.parse(new byte[0], 0, 0, META);
        assertEquals("", e.get(Event.RAW));
        assertFalse(e.has(Event.MESSAGE));
        assertEquals("no PRI: defaulted to <13>; no timestamp", e.get(Event.PARSE_ERROR));
    }

    @Test
    void nullDataOutOfRangeSliceAndNullMetadataDoNotThrow() {
        assertEquals("", PARSER.parse(null, 0, 10, null).get(Event.RAW));
        byte[] b = "<13>hi".getBytes(StandardCharsets.US_ASCII);
        Event e = PARSER.parse(b, 2, 100, null);
        assertEquals("3>hi", e.get(Event.RAW));
        assertTrue(e.getString(Event.PARSE_ERROR).startsWith("offset/length outside the buffer"));
        assertEquals("2026-11-26T23:20:00.000Z", e.get(Event.RECEIVED), "received defaults to the clock");
        assertFalse(e.has(Event.SOURCE_IP));
    }
}
