package org.socd.protocol.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AsciiNameCacheTest {

    private final AsciiNameCache cache = new AsciiNameCache();

    private String get(String s) {
        byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.UTF_8);
        return cache.get(b, 2, b.length - 2);
    }

    @Test
    void repeatedNamesShareOneString() {
        String first = get("exampleSDID@32473");
        assertEquals("exampleSDID@32473", first);
        assertSame(first, get("exampleSDID@32473"));
    }

    @Test
    void everyResultHasTheRightTextWhateverCollides() {
        // More distinct names than slots: collisions must replace, never return the wrong name.
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 10_000; i++) {
                assertEquals("name" + i, get("name" + i));
            }
        }
    }

    @Test
    void nonAsciiLongAndEmptyTokensAreDecodedNotCached() {
        assertEquals("Zoë", get("Zoë"));
        String lng = "x".repeat(100);
        assertEquals(lng, get(lng));
        assertNull(cache.get(new byte[4], 2, 2));
        byte[] invalid = {(byte) 0xE9, 'a'};
        assertEquals("\uFFFDa", cache.get(invalid, 0, 2));
    }
}
