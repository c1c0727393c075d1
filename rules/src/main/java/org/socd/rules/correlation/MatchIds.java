package org.socd.rules.correlation;

import java.util.List;
import org.socd.rules.ids.IdDigest;

/**
 * Deterministic correlation match ids: replaying the same events (a journal replay after a
 * crash) yields the same id, so the alert store overwrites instead of duplicating. Not
 * thread-safe (one digest, reused).
 */
final class MatchIds {

    private final IdDigest digest = new IdDigest();

    /** First 32 hex characters of SHA-256 over the length-prefixed correlation id, group values and event ids. */
    String id(String correlationId, List<String> groupKey, List<String> eventIds) {
        digest.reset().putString(correlationId).putLong(groupKey.size());
        groupKey.forEach(digest::putString);
        digest.putLong(eventIds.size());
        eventIds.forEach(digest::putString);
        return digest.hex128();
    }
}
