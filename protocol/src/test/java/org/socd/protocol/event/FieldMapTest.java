package org.socd.protocol.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** FieldMap behaves exactly like a LinkedHashMap for what events do with their fields. */
class FieldMapTest {

    @Test
    void randomOperationsAgreeWithLinkedHashMap() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            FieldMap map = new FieldMap(random.nextInt(8));
            Map<String, Object> expected = new LinkedHashMap<>();
            for (int op = 0; op < 300; op++) {
                // Fresh strings, not constants: lookups must not depend on identity.
                String key = new String("f" + random.nextInt(60));
                switch (random.nextInt(10)) {
                    case 0, 1 -> assertEquals(expected.remove(key), map.remove(key), key);
                    case 2 -> assertEquals(expected.get(key), map.get(key), key);
                    default -> {
                        Integer value = random.nextInt();
                        assertEquals(expected.put(key, value), map.put(key, value), key);
                    }
                }
                assertEquals(expected.size(), map.size());
            }
            assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(map.entrySet()), "same order");
            assertEquals(expected, map);
            assertEquals(map, expected);
            assertEquals(expected.hashCode(), map.hashCode());
            assertEquals(expected.toString(), map.toString());
        }
    }

    @Test
    void overwritingKeepsThePositionAndIteratorRemoveWorks() {
        FieldMap map = new FieldMap();
        map.put("a", 1);
        map.put("b", 2);
        map.put("c", 3);
        map.put("a", 4);
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(map.keySet()));
        Iterator<Map.Entry<String, Object>> it = map.entrySet().iterator();
        it.next();
        it.next();
        it.remove();
        assertEquals(Map.of("a", 4, "c", 3), map);
        assertEquals("c", it.next().getKey());
        assertNull(map.get("b"));
        assertNull(map.get(null));
    }

    @Test
    void nullsAreRefusedAndEventOfLeavesNullValuesOut() {
        assertThrows(NullPointerException.class, () -> new FieldMap().put("a", null));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("a", 1);
        json.put("b", null);
        Event event = Event.of(json);
        assertEquals(Map.of("a", 1), event.fields());
        assertNull(event.get("b"));
    }
}
