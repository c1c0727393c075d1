package org.socd.protocol.decoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;

class DecoderRegistryTest {

    /** A decoder that recognizes everything, to see which events the registry offers it. */
    private record Marker(Set<String> appnames, String mark) implements FieldDecoder {
        @Override
        public boolean decode(String message, Event event) {
            event.put("mark", mark);
            return true;
        }
    }

    private static Event event(String appname, String message) {
        return new Event().put(Event.APPNAME, appname).put(Event.MESSAGE, message);
    }

    @Test
    void appnameDecodersComeFirstThenTheOnesForEveryEvent() {
        DecoderRegistry r = DecoderRegistry.of(List.of(new Marker(Set.of(), "any"), new Marker(Set.of("sshd"), "sshd")));
        Event sshd = event("sshd", "x");
        assertTrue(r.decode(sshd));
        assertEquals("sshd", sshd.get("mark"));
        Event other = event("nginx", "x");
        assertTrue(r.decode(other));
        assertEquals("any", other.get("mark"));
    }

    @Test
    void appnameIsMatchedWithoutCasePathOrSuffix() {
        DecoderRegistry r = DecoderRegistry.of(List.of(new Marker(Set.of("cron"), "cron")));
        for (String app : new String[] {"cron", "CRON", "/usr/sbin/cron", "cron(pam_unix)"}) {
            Event e = event(app, "x");
            assertTrue(r.decode(e), app);
        }
        assertFalse(r.decode(event("crond", "x")));
        assertNull(DecoderRegistry.normalize("cron"));
        assertEquals("sshd", DecoderRegistry.normalize("sshd(pam_unix)"));
    }

    @Test
    void eventWithoutMessageIsLeftAlone() {
        DecoderRegistry r = DecoderRegistry.of(List.of(new Marker(Set.of(), "any")));
        assertFalse(r.decode(new Event().put(Event.APPNAME, "sshd")));
    }

    @Test
    void aFailingDecoderIsReportedAndDoesNotEscape() {
        FieldDecoder broken = new FieldDecoder() {
            @Override
            public Set<String> appnames() {
                return Set.of("app");
            }

            @Override
            public boolean decode(String message, Event event) {
                throw new IllegalStateException("boom");
            }
        };
        Event e = event("app", "x").put(Event.PARSE_ERROR, "no PRI");
        assertFalse(DecoderRegistry.of(List.of(broken)).decode(e));
        assertTrue(e.getString(Event.PARSE_ERROR).startsWith("no PRI; decoder "), e.getString(Event.PARSE_ERROR));
        assertTrue(e.getString(Event.PARSE_ERROR).contains("boom"));
    }
}
