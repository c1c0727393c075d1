package org.socd.rules.engine;

import java.security.SecureRandom;

/**
 * A 128-bit keyed fingerprint of a string of at most {@link #MAX_LENGTH} characters, for
 * recognising a value the pre-filter scanned lately without keeping (and re-reading) the value.
 *
 * <p>Two independent NH hashes (the universal hash of UMAC, RFC 4418): the characters, two to a
 * 32-bit word, are added to secret key words and multiplied in pairs, and the 64-bit products
 * summed. For two different strings of the same length, each half agrees with a chance of at
 * most 2<sup>−32</sup> over the choice of its key, so both agree with a chance of at most
 * 2<sup>−64</sup>; strings of different lengths are told apart by the length, which the memo
 * keeps beside the fingerprint. The keys are secret and drawn anew in every run, so a value
 * crafted to collide with another (and hide a literal from the pre-filter) cannot be computed in
 * advance, as it could for an unkeyed hash. NH was chosen over a polynomial hash modulo a prime
 * for speed: its multiplications do not depend on each other (the polynomial hash, tried first,
 * cost as much as the string comparisons it replaced).
 */
final class ValueFingerprint {

    /** The longest value fingerprinted: the key holds one word per two characters up to it. */
    static final int MAX_LENGTH = 1024;

    private static final int[] KEY_A = new int[MAX_LENGTH / 2 + 2];
    private static final int[] KEY_B = new int[MAX_LENGTH / 2 + 2];

    static {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < KEY_A.length; i++) {
            KEY_A[i] = random.nextInt();
            KEY_B[i] = random.nextInt();
        }
    }

    private ValueFingerprint() {}

    /**
     * Fingerprints {@code text} (at most {@link #MAX_LENGTH} characters) into {@code into[0]} and
     * {@code into[1]}, reading its characters through {@code buffer} (at least {@code text.length()}
     * long).
     */
    static void of(String text, char[] buffer, long[] into) {
        int length = text.length();
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("a fingerprinted value has at most " + MAX_LENGTH + " characters, not " + length);
        }
        text.getChars(0, length, buffer, 0);
        long a = 0;
        long b = 0;
        int i = 0;
        int k = 0;
        for (; i + 4 <= length; i += 4, k += 2) {
            int first = buffer[i] | buffer[i + 1] << 16;
            int second = buffer[i + 2] | buffer[i + 3] << 16;
            a += nh(first, second, KEY_A, k);
            b += nh(first, second, KEY_B, k);
        }
        if (i < length) {
            // The last 1-3 characters, padded with zeros (the length tells "a" from "a\0").
            int first = buffer[i] | (i + 1 < length ? buffer[i + 1] << 16 : 0);
            int second = i + 2 < length ? buffer[i + 2] : 0;
            a += nh(first, second, KEY_A, k);
            b += nh(first, second, KEY_B, k);
        }
        into[0] = a;
        into[1] = b;
    }

    /** One NH term: the two message words plus their key words (mod 2^32), multiplied as unsigned 32-bit numbers. */
    private static long nh(int first, int second, int[] key, int k) {
        return Integer.toUnsignedLong(first + key[k]) * Integer.toUnsignedLong(second + key[k + 1]);
    }
}
