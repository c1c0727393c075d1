package org.socd.rules.logsource;

import java.util.Set;

/**
 * The logsources one event belongs to. Sets, because one sshd line is at once
 * {@code service: sshd}, {@code service: auth} and {@code service: syslog}. Values are lower-case.
 */
public record EventLogsource(Set<String> products, Set<String> categories, Set<String> services) {

    public EventLogsource {
        products = Set.copyOf(products);
        categories = Set.copyOf(categories);
        services = Set.copyOf(services);
    }

    /** Whether a rule asking for {@code wanted} applies: each part it names is among the event's. */
    public boolean satisfies(RuleLogsource wanted) {
        return (wanted.product() == null || products.contains(wanted.product()))
                && (wanted.category() == null || categories.contains(wanted.category()))
                && (wanted.service() == null || services.contains(wanted.service()));
    }
}
