package org.socd.rules.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldValueCacheTest {

    @Test
    void keepsExactAndFoldedApartAcrossGrowthAndFindsEqualNames() {
        FieldValueCache cache = new FieldValueCache();
        assertNull(cache.exact("Image"), "empty before the first put");
        for (int i = 0; i < 100; i++) {
            cache.putExact("field" + i, List.of("V" + i));
            if (i % 2 == 0) {
                cache.putFolded("field" + i, List.of("v" + i));
            }
        }
        for (int i = 0; i < 100; i++) {
            // A name built anew is equal but not identical to the one put.
            String name = new StringBuilder("field").append(i).toString();
            assertEquals(List.of("V" + i), cache.exact(name));
            assertEquals(i % 2 == 0 ? List.of("v" + i) : null, cache.folded(name));
        }
        assertNull(cache.exact("field100"));
    }

    @Test
    void clearForgetsEverythingAndTheCacheIsUsableAgain() {
        FieldValueCache cache = new FieldValueCache();
        cache.putExact("a", List.of("1"));
        cache.putFolded("b", List.of("2"));
        cache.clear();
        assertNull(cache.exact("a"));
        assertNull(cache.folded("b"));
        cache.putFolded("a", List.of("x"));
        assertEquals(List.of("x"), cache.folded("a"));
        assertNull(cache.exact("a"), "a folded value alone leaves the exact one unset");
    }
}
