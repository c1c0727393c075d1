package org.socd.protocol.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallMapTest {

    @Test
    void behavesAsAnInsertionOrderedMapAndGrows() {
        SmallMap<String> m = new SmallMap<>(1);
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            m.put("k" + i, "v" + i);
            expected.put("k" + i, "v" + i);
        }
        assertEquals("v1", m.put("k1", "again"));
        expected.put("k1", "again");
        assertEquals(expected, m);
        assertEquals(m, expected);
        assertEquals(expected.hashCode(), m.hashCode());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(m.keySet()));
        assertEquals("again", m.get("k1"));
        assertNull(m.get("nope"));
        assertTrue(m.containsKey("k19"));
        assertEquals(expected.toString(), m.toString());
    }

    @Test
    void readersCannotChangeIt() {
        SmallMap<String> m = new SmallMap<>(2);
        m.put("a", "1");
        assertThrows(UnsupportedOperationException.class, () -> m.entrySet().iterator().next().setValue("2"));
        assertThrows(UnsupportedOperationException.class, () -> m.remove("a"));
    }
}
