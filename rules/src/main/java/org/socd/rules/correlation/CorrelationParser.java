package org.socd.rules.correlation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socd.rules.Level;
import org.socd.rules.yaml.RuleSyntaxException;
import org.socd.rules.yaml.SourceLocation;
import org.socd.rules.yaml.YamlNode;

/**
 * Reads one Sigma correlation document (a mapping with a {@code correlation} section) into a
 * {@link SigmaCorrelation}, checking everything that can be checked without the other rules.
 * Strict about keys inside {@code correlation}: a misspelt {@code group-by} would otherwise
 * silently group everything together.
 */
public final class CorrelationParser {

    /** The correlation's rules form one bit mask per window entry; no real correlation comes near this. */
    static final int MAX_RULES = 64;

    private static final Pattern TIMESPAN = Pattern.compile("(\\d{1,9})([smhd])");
    private static final Set<String> KEYS = Set.of("type", "rules", "group-by", "timespan", "condition", "aliases", "generate");
    private static final String TYPES = "event_count, value_count, temporal, temporal_ordered, value_sum, value_avg";

    private CorrelationParser() {}

    /** Whether {@code document} is a correlation rule rather than a detection rule or meta filter. */
    public static boolean isCorrelation(YamlNode.Mapping document) {
        return document.get("correlation").isPresent();
    }

    /**
     * Parses a correlation document.
     *
     * @param defaultId the id to use when the document has none (derived from the file)
     * @throws RuleSyntaxException naming the position and what to change
     */
    public static SigmaCorrelation parse(YamlNode.Mapping document, String defaultId) {
        String title = string(required(document, "title", document.location()), "'title'");
        String id = optionalString(document, "id").orElse(defaultId);
        String name = optionalString(document, "name").orElse(null);
        Level level = optionalString(document, "level").map(text -> level(document, text)).orElse(Level.MEDIUM);
        List<String> tags = strings(document.get("tags").orElse(null), "'tags'");
        YamlNode.Mapping section = mapping(document.get("correlation").orElseThrow(), "'correlation'");
        for (YamlNode.Entry entry : section.entries()) {
            if (!KEYS.contains(entry.key())) {
                throw new RuleSyntaxException(entry.keyLocation(), "unknown key '" + entry.key()
                        + "' in 'correlation'; expected " + KEYS.stream().sorted().toList());
            }
        }
        CorrelationType type = type(required(section, "type", section.location()));
        List<RuleReference> rules = rules(required(section, "rules", section.location()));
        List<String> groupBy = strings(section.get("group-by").orElse(null), "'group-by'");
        Duration timespan = timespan(required(section, "timespan", section.location()));
        Condition condition = condition(type, section);
        Map<String, Map<String, String>> aliases = aliases(section.get("aliases").orElse(null));
        for (String alias : aliases.keySet()) {
            if (!groupBy.contains(alias) && !condition.fields().contains(alias)) {
                throw new RuleSyntaxException(section.get("aliases").orElseThrow().location(), "alias '" + alias
                        + "' is used neither in 'group-by' nor as the condition's 'field'; use it or remove it");
            }
        }
        boolean generate = bool(document, "generate") || bool(section, "generate");
        return new SigmaCorrelation(id, name, title, level, tags, type, rules, groupBy, timespan,
                condition.thresholds(), condition.fields(), aliases, generate, document.location());
    }

    private record Condition(List<Threshold> thresholds, List<String> fields) {}

    private static CorrelationType type(YamlNode node) {
        String text = string(node, "'type'");
        if (text.equals("value_percentile") || text.equals("value_median")) {
            throw new RuleSyntaxException(node.location(), "correlation type '" + text + "' is not supported: "
                    + "Sigma 2.1 does not define what its threshold is compared with (a percentile of the values, "
                    + "or the share of events holding a value), and a guess would raise wrong alerts; "
                    + "use value_avg or value_count instead");
        }
        for (CorrelationType type : CorrelationType.values()) {
            if (type.sigmaName().equals(text)) {
                return type;
            }
        }
        throw new RuleSyntaxException(node.location(), "unknown correlation type '" + text + "'; use one of " + TYPES);
    }

    private static List<RuleReference> rules(YamlNode node) {
        List<RuleReference> rules = new ArrayList<>();
        List<YamlNode> items = node instanceof YamlNode.Sequence list ? list.items() : List.of(node);
        for (YamlNode item : items) {
            String text = string(item, "a rule id or name");
            if (rules.stream().anyMatch(r -> r.text().equals(text))) {
                throw new RuleSyntaxException(item.location(), "rule '" + text + "' is listed twice in 'rules'; list it once");
            }
            rules.add(new RuleReference(text, item.location()));
        }
        if (rules.isEmpty()) {
            throw new RuleSyntaxException(node.location(), "the correlation's 'rules' list is empty; list the rules it correlates");
        }
        if (rules.size() > MAX_RULES) {
            throw new RuleSyntaxException(node.location(), "the correlation lists " + rules.size()
                    + " rules, more than the " + MAX_RULES + " socd supports; split it into chained correlations");
        }
        return rules;
    }

    /** {@code number + s|m|h|d}, as the specification writes it (e.g. {@code 90m}). */
    static Duration timespan(YamlNode node) {
        String text = string(node, "'timespan'");
        Matcher m = TIMESPAN.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new RuleSyntaxException(node.location(), "timespan '" + text
                    + "' is not a positive number followed by s, m, h or d (lower case); write e.g. '5m' or '90m'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static Condition condition(CorrelationType type, YamlNode.Mapping section) {
        Optional<YamlNode> node = section.get("condition");
        if (node.isEmpty()) {
            if (!type.temporal()) {
                throw new RuleSyntaxException(section.location(), "type " + type.sigmaName()
                        + " correlation needs a 'condition', e.g. 'condition: {gte: 10}'");
            }
            return new Condition(List.of(), List.of());
        }
        if (type == CorrelationType.TEMPORAL_ORDERED) {
            throw new RuleSyntaxException(node.get().location(), "a temporal_ordered correlation matches when every "
                    + "listed rule matched in order; a 'condition' has no meaning there: remove it");
        }
        YamlNode.Mapping condition = mapping(node.get(), "'condition'");
        List<Threshold> thresholds = new ArrayList<>();
        List<String> fields = List.of();
        for (YamlNode.Entry entry : condition.entries()) {
            if (entry.key().equals("field")) {
                fields = strings(entry.value(), "'field'");
                continue;
            }
            Threshold.Operator operator = Threshold.Operator.of(entry.key());
            if (operator == null) {
                throw new RuleSyntaxException(entry.keyLocation(), "unknown condition '" + entry.key()
                        + "'; use gt, gte, lt, lte, eq, neq (ANDed) and, for value_* types, field");
            }
            if (!(entry.value() instanceof YamlNode.Scalar scalar) || !(scalar.value() instanceof Number number)) {
                throw new RuleSyntaxException(entry.value().location(), "'" + entry.key() + "' needs a number, e.g. '"
                        + entry.key() + ": 10'");
            }
            thresholds.add(new Threshold(operator, number.doubleValue()));
        }
        if (thresholds.isEmpty()) {
            throw new RuleSyntaxException(condition.location(), "the condition has no comparison; add e.g. 'gte: 10'");
        }
        if (type.needsField() && fields.isEmpty()) {
            throw new RuleSyntaxException(condition.location(), "type " + type.sigmaName()
                    + " correlation needs 'field' in its condition: the event field whose values it aggregates");
        }
        if (!type.needsField() && !fields.isEmpty()) {
            throw new RuleSyntaxException(condition.location(), "'field' has no meaning for a " + type.sigmaName()
                    + " correlation; remove it (value_count, value_sum and value_avg use it)");
        }
        if ((type == CorrelationType.VALUE_SUM || type == CorrelationType.VALUE_AVG) && fields.size() != 1) {
            throw new RuleSyntaxException(condition.location(), "type " + type.sigmaName()
                    + " correlation aggregates exactly one numeric field; name one in 'field'");
        }
        return new Condition(thresholds, fields);
    }

    private static Map<String, Map<String, String>> aliases(YamlNode node) {
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        if (node == null) {
            return aliases;
        }
        for (YamlNode.Entry alias : mapping(node, "'aliases'").entries()) {
            Map<String, String> byRule = new LinkedHashMap<>();
            for (YamlNode.Entry rule : mapping(alias.value(), "alias '" + alias.key() + "'").entries()) {
                byRule.put(rule.key(), string(rule.value(), "the field of rule '" + rule.key() + "'"));
            }
            aliases.put(alias.key(), byRule);
        }
        return aliases;
    }

    private static boolean bool(YamlNode.Mapping mapping, String key) {
        Optional<YamlNode> node = mapping.get(key);
        if (node.isEmpty()) {
            return false;
        }
        if (node.get() instanceof YamlNode.Scalar scalar && scalar.value() instanceof Boolean value) {
            return value;
        }
        throw new RuleSyntaxException(node.get().location(), "'" + key + "' must be true or false");
    }

    private static Level level(YamlNode.Mapping document, String text) {
        try {
            return Level.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RuleSyntaxException(document.get("level").orElseThrow().location(), e.getMessage());
        }
    }

    private static YamlNode required(YamlNode.Mapping mapping, String key, SourceLocation at) {
        return mapping.get(key).orElseThrow(() -> new RuleSyntaxException(at, "missing required attribute '" + key
                + "'; a Sigma correlation needs title and correlation with type, rules and timespan"));
    }

    private static Optional<String> optionalString(YamlNode.Mapping mapping, String key) {
        return mapping.get(key).filter(n -> !(n instanceof YamlNode.Scalar s && s.isNull()))
                .map(n -> string(n, "'" + key + "'"));
    }

    /** A list of strings, a single string as a one-element list, or empty when absent. */
    private static List<String> strings(YamlNode node, String what) {
        if (node == null || node instanceof YamlNode.Scalar s && s.isNull()) {
            return List.of();
        }
        List<YamlNode> items = node instanceof YamlNode.Sequence list ? list.items() : List.of(node);
        List<String> values = new ArrayList<>();
        for (YamlNode item : items) {
            values.add(string(item, "each entry of " + what));
        }
        return values;
    }

    private static String string(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar scalar && !scalar.isNull()) {
            return scalar.text();
        }
        throw new RuleSyntaxException(node.location(), what + " must be a string, not " + node.kind());
    }

    private static YamlNode.Mapping mapping(YamlNode node, String what) {
        if (node instanceof YamlNode.Mapping mapping) {
            return mapping;
        }
        throw new RuleSyntaxException(node.location(), what + " must be a mapping, not " + node.kind());
    }
}
