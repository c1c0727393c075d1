package org.socd.rules.ids;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a tuple of values, each length-prefixed so that no two different tuples hash the
 * same bytes, cut to 128 bits of hex: the deterministic ids of alerts and correlation matches.
 * Computed from what the journal holds, they come out the same on a replay, so the alert store
 * overwrites instead of duplicating. The byte layout is part of every stored id: changing it
 * doubles the alerts of a replay across an upgrade. Not thread-safe (one digest, reused).
 */
public final class IdDigest {

    private final MessageDigest sha256;
    private final ByteBuffer scratch = ByteBuffer.allocate(Long.BYTES);

    public IdDigest() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    /** Starts a new id. */
    public IdDigest reset() {
        sha256.reset();
        return this;
    }

    /** A string, length-prefixed in UTF-8; null as length -1. */
    public IdDigest putString(String value) {
        if (value == null) {
            return putLong(-1);
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putLong(bytes.length);
        sha256.update(bytes);
        return this;
    }

    /** Eight bytes, big-endian. */
    public IdDigest putLong(long value) {
        scratch.clear();
        scratch.putLong(value);
        sha256.update(scratch.array(), 0, Long.BYTES);
        return this;
    }

    /** {@code bytes[0, length)}, length-prefixed. */
    public IdDigest putBytes(byte[] bytes, int length) {
        putLong(length);
        sha256.update(bytes, 0, length);
        return this;
    }

    /** The first 32 hex characters of the digest; the digest starts anew. */
    public String hex128() {
        return HexFormat.of().formatHex(sha256.digest(), 0, 16);
    }
}
