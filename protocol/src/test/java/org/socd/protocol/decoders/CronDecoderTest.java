package org.socd.protocol.decoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;

class CronDecoderTest {

    @Test
    void commandOfDebianCronAndCronie() {
        Event e = Decoded.line("CRON", "(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)");
        assertEquals("cron_cmd", e.get("action"));
        assertEquals("root", e.get("user"));
        assertEquals("command -v debian-sa1 > /dev/null && debian-sa1 1 1", e.get("command"));
        assertEquals("run-parts /etc/cron.hourly", Decoded.line("CROND", "(root) CMD (run-parts /etc/cron.hourly)").get("command"));
        assertEquals("www-data", Decoded.line("/usr/sbin/cron", "(www-data) CMD (php cron.php)").get("user"));
    }

    @Test
    void crontabEdits() {
        Event e = Decoded.line("crontab", "(alice) BEGIN EDIT (alice)");
        assertEquals("cron_begin_edit", e.get("action"));
        assertEquals("alice", e.get("user"));
        assertFalse(e.has("command"));
        assertEquals("cron_replace", Decoded.line("crontab", "(alice) REPLACE (alice)").get("action"));
    }

    @Test
    void otherLinesAddNothing() {
        assertFalse(Decoded.line("cron", "(CRON) info (No MTA installed, discarding output)").has("action"));
        assertFalse(Decoded.line("cron", "(CRON) INFO (pidfile fd = 3)").has("command"));
        assertFalse(Decoded.line("cron", "Started cron").has("action"));
    }
}
