package org.socd.rules.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdDigestTest {

    /**
     * Pins the byte layout, computed independently (Python: SHA-256 over big-endian 8-byte
     * lengths and the bytes, null as length -1): stored alert ids depend on it, and a changed
     * layout would double every alert of a journal replay across an upgrade.
     */
    @Test
    void layoutIsLengthPrefixedBigEndianSha256CutTo128Bits() {
        byte[] raw = "<1>xyz".getBytes(StandardCharsets.US_ASCII);
        String id = new IdDigest().reset().putString("rule").putString(null).putLong(514).putBytes(raw, 3).hex128();
        assertEquals("5ad46f9f3dc2e7b748372048360d6a6c", id);
    }

    @Test
    void theLengthPrefixKeepsDifferentTuplesApartAndResetStartsAnew() {
        IdDigest digest = new IdDigest();
        String ab = digest.reset().putString("a").putString("b").hex128();
        assertNotEquals(ab, digest.reset().putString("ab").putString("").hex128());
        assertNotEquals(ab, digest.reset().putString("a").putString(null).putString("b").hex128());
        assertEquals(ab, digest.reset().putString("a").putString("b").hex128());
    }
}
