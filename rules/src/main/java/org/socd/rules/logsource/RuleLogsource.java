package org.socd.rules.logsource;

import java.util.Locale;

/**
 * The {@code logsource} a rule asks for; each part is lower-case, or null when the rule does not
 * name it (then any value is fine). Also the key of the engine's rule index.
 */
public record RuleLogsource(String product, String category, String service) {

    /** A logsource that names nothing, so it applies to every event. */
    public static final RuleLogsource ANY = new RuleLogsource(null, null, null);

    public RuleLogsource {
        product = normalize(product);
        category = normalize(category);
        service = normalize(service);
    }

    private static String normalize(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "product=" + (product == null ? "*" : product)
                + " category=" + (category == null ? "*" : category)
                + " service=" + (service == null ? "*" : service);
    }
}
