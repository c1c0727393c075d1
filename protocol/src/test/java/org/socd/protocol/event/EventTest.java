package org.socd.protocol.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTest {

    @Test
    void dottedPathReachesIntoNestedMaps() {
        Event e = Event.of(Map.of("structured_data", Map.of("origin", Map.of("ip", "10.0.0.1"))));
        assertEquals("10.0.0.1", e.get("structured_data.origin.ip"));
        assertNull(e.get("structured_data.origin.port"));
        assertNull(e.get("structured_data.nowhere.ip"));
    }

    @Test
    void keysWithDotsWinOverPaths() {
        Event e = Event.of(Map.of("a.b", "flat", "a", Map.of("b", "nested")));
        assertEquals("flat", e.get("a.b"));
        Event nestedKeyWithDot = Event.of(Map.of("sd", Map.of("x.y", Map.of("z", "deep"))));
        assertEquals("deep", nestedKeyWithDot.get("sd.x.y.z"));
    }

    @Test
    void nullRemovesAField() {
        Event e = new Event().put("user", "root");
        e.put("user", null);
        assertFalse(e.has("user"));
        assertEquals(0, e.fields().size());
    }

    @Test
    void getStringRendersScalars() {
        Event e = new Event().put("severity", 3);
        assertEquals("3", e.getString("severity"));
    }
}
