package org.socd.collector.auth;

import java.util.Objects;

/**
 * Who made a request: the name and role of the token they presented. The name is what the
 * alert history records as "by".
 */
public record Principal(String name, Role role) {
    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }
}
