package org.socd.rules.logsource;

import java.util.Map;
import java.util.Set;

/**
 * The logsources one event belongs to. Sets, because one sshd line is at once
 * {@code service: sshd}, {@code service: auth} and {@code service: syslog}. Values are lower-case.
 *
 * @param fieldAliases rule field name to the event field that carries it for this kind of event
 *                     (Security 4688: {@code Image} is {@code NewProcessName})
 */
public record EventLogsource(Set<String> products, Set<String> categories, Set<String> services,
                             Map<String, String> fieldAliases) {

    public EventLogsource {
        products = Set.copyOf(products);
        categories = Set.copyOf(categories);
        services = Set.copyOf(services);
        fieldAliases = Map.copyOf(fieldAliases);
    }

    /** A logsource without field renames. */
    public EventLogsource(Set<String> products, Set<String> categories, Set<String> services) {
        this(products, categories, services, Map.of());
    }

    /** Whether a rule asking for {@code wanted} applies: each part it names is among the event's. */
    public boolean satisfies(RuleLogsource wanted) {
        return (wanted.product() == null || products.contains(wanted.product()))
                && (wanted.category() == null || categories.contains(wanted.category()))
                && (wanted.service() == null || services.contains(wanted.service()));
    }
}
