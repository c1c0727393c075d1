package org.socd.rules.correlation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Deterministic correlation match ids: replaying the same events (a journal replay after a
 * crash) yields the same id, so the alert store overwrites instead of duplicating. Not
 * thread-safe (one digest, reused).
 */
final class MatchIds {

    private final MessageDigest sha256;
    private final ByteBuffer scratch = ByteBuffer.allocate(Long.BYTES);

    MatchIds() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    /** First 32 hex characters of SHA-256 over the length-prefixed correlation id, group values and event ids. */
    String id(String correlationId, List<String> groupKey, List<String> eventIds) {
        sha256.reset();
        put(correlationId);
        putLong(groupKey.size());
        groupKey.forEach(this::put);
        putLong(eventIds.size());
        eventIds.forEach(this::put);
        return HexFormat.of().formatHex(sha256.digest(), 0, 16);
    }

    private void put(String value) {
        if (value == null) {
            putLong(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putLong(bytes.length);
        sha256.update(bytes);
    }

    private void putLong(long value) {
        scratch.clear();
        scratch.putLong(value);
        sha256.update(scratch.array(), 0, Long.BYTES);
    }
}
