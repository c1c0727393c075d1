package org.socd.rules.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socd.protocol.event.Event;

class EventFieldsTest {

    @Test
    void valuesAreStringsAndFoldedOncePerField() {
        EventFields fields = new EventFields(Event.of(Map.of(
                "Image", "C:\\Windows\\CMD.EXE", "EventID", 4688, "tags", List.of("A", 1, Map.of()), "nested", Map.of("k", "v"))));
        assertEquals(List.of("c:\\windows\\cmd.exe"), fields.lowerCaseValues("Image"));
        assertSame(fields.lowerCaseValues("Image"), fields.lowerCaseValues("Image"), "folded once, then cached");
        assertEquals(List.of("4688"), fields.values("EventID"));
        assertEquals(List.of("a", "1"), fields.lowerCaseValues("tags"));
        assertEquals(List.of(), fields.values("nested"), "a mapping has no text of its own");
        assertEquals(List.of("v"), fields.values("nested.k"));
        assertTrue(fields.has("nested"));
        assertFalse(fields.has("missing"));
        assertEquals(List.of(), fields.values("missing"));
    }
}
