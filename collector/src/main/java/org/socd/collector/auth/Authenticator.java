package org.socd.collector.auth;

import java.util.Optional;

/** Turns a presented bearer token into the principal it belongs to. */
@FunctionalInterface
public interface Authenticator {
    /** The principal for {@code token}, or empty when it is no valid token. */
    Optional<Principal> authenticate(String token);
}
