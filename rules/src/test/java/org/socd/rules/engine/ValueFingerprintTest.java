package org.socd.rules.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The memo's fingerprint: equal texts agree, different ones of a length (however alike) do not. */
class ValueFingerprintTest {

    @Test
    void equalTextsHaveEqualFingerprintsWhateverTheBufferHeld() {
        String text = "C:\\Windows\\System32\\svchost.exe -k netsvcs";
        assertArrayEquals(fingerprint(text), fingerprint(new String(text.toCharArray())));
        char[] dirty = "x".repeat(200).toCharArray();
        long[] out = new long[2];
        ValueFingerprint.of(text, dirty, out);
        assertArrayEquals(fingerprint(text), out);
    }

    @Test
    void textsThatDifferAnywhereDiffer() {
        String base = "C:\\Program Files\\Common Files\\tool.exe";
        List<String> texts = new ArrayList<>(List.of("", "a", "ab", "abc", "abcd", "abcde", "\u0000", "\u0101", "\uffff\uffff\uffff",
                base, base.toUpperCase(Locale.ROOT), base.substring(1) + "C", "x".repeat(ValueFingerprint.MAX_LENGTH),
                "x".repeat(ValueFingerprint.MAX_LENGTH - 1) + "y"));
        for (int i = 0; i < base.length(); i++) {
            for (char c : new char[] {'\u0000', 'x', '\u00e9', '\u4e2d', '\uffff'}) {
                texts.add(base.substring(0, i) + c + base.substring(i + 1)); // one character replaced
            }
        }
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            char[] chars = new char[random.nextInt(12)];
            for (int k = 0; k < chars.length; k++) {
                chars[k] = (char) (random.nextBoolean() ? 'a' + random.nextInt(3) : random.nextInt(0x10000));
            }
            texts.add(new String(chars));
        }
        Map<String, String> seen = new HashMap<>();
        for (String text : texts) {
            long[] fingerprint = fingerprint(text);
            // The memo tells lengths apart itself, beside the fingerprint.
            String other = seen.putIfAbsent(text.length() + "/" + fingerprint[0] + "/" + fingerprint[1], text);
            if (other != null) {
                assertEquals(other, text, "two texts of a length share a fingerprint");
            }
        }
    }

    @Test
    void longerValuesAreRefused() {
        String text = "x".repeat(ValueFingerprint.MAX_LENGTH + 1);
        assertThrows(IllegalArgumentException.class, () -> ValueFingerprint.of(text, new char[text.length()], new long[2]));
    }

    private static long[] fingerprint(String text) {
        long[] out = new long[2];
        ValueFingerprint.of(text, new char[text.length()], out);
        return out;
    }
}
