package org.socd.collector.auth;

import java.time.Instant;

/**
 * A token as the daemon keeps it: never the token itself, only its SHA-256.
 *
 * @param name    who holds it (unique), e.g. {@code alice}
 * @param role    what it may do
 * @param sha256  hex SHA-256 of the token
 * @param created when it was made
 */
public record TokenInfo(String name, Role role, String sha256, Instant created) {
}
