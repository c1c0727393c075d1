package org.socd.rules.sigma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.socd.rules.Level;
import org.socd.rules.logsource.RuleLogsource;
import org.socd.rules.yaml.RuleSyntaxException;
import org.socd.rules.yaml.SourceLocation;
import org.socd.rules.yaml.YamlNode;
import org.socd.rules.yaml.YamlReader;

/**
 * Turns the text of a Sigma rule file into a {@link SigmaRule}, checking everything that can be
 * checked without looking at events: required attributes, the shape of {@code detection}, the
 * modifiers and the condition syntax. Anything socd cannot evaluate faithfully is an error.
 */
public final class SigmaRuleParser {

    private SigmaRuleParser() {}

    /**
     * Parses one rule file.
     *
     * @param file how to name the file in errors (a path or {@code classpath:...})
     * @throws RuleSyntaxException for anything that keeps the rule from being evaluated faithfully
     */
    public static SigmaRule parse(String text, String file) {
        YamlNode.Mapping rule = mapping(YamlReader.read(text, file), "the rule");
        if (rule.get("filter").isPresent() && rule.get("detection").isEmpty()) {
            throw new RuleSyntaxException(rule.location(),
                    "this is a Sigma meta filter, not a detection rule; load it with the rule directory");
        }
        return parseRule(rule, file, file);
    }

    /**
     * Parses a single-document file that holds a detection rule or a meta filter.
     *
     * @throws RuleSyntaxException for anything not evaluable; a correlation rule is rejected here
     *                             because its references are resolved across files by
     *                             {@code RuleLoader}, which also reads multi-document files
     */
    public static SigmaDocument parseDocument(String text, String file) {
        YamlNode.Mapping rule = mapping(YamlReader.read(text, file), "the rule");
        if (rule.get("correlation").isPresent()) {
            throw new RuleSyntaxException(rule.location(), "this is a Sigma correlation rule; its references are "
                    + "resolved across files: load it with the rule directory (RuleLoader)");
        }
        return parseDocument(rule, file, file);
    }

    /**
     * Parses one document (of a possibly multi-document file) that holds a detection rule or a
     * meta filter.
     *
     * @param file      how to name the file in errors
     * @param defaultId the id when the document has none
     */
    public static SigmaDocument parseDocument(YamlNode.Mapping document, String file, String defaultId) {
        if (document.get("filter").isPresent() && document.get("detection").isEmpty()) {
            return parseFilter(document, file, defaultId);
        }
        return parseRule(document, file, defaultId);
    }

    private static SigmaFilter parseFilter(YamlNode.Mapping rule, String file, String defaultId) {
        String title = requiredString(rule, "title");
        String id = optionalString(rule, "id").orElse(defaultId);
        mapping(required(rule, "logsource"), "'logsource'");
        YamlNode.Mapping filter = mapping(required(rule, "filter"), "'filter'");
        List<String> rules = new ArrayList<>();
        YamlNode rulesNode = filter.get("rules").orElseThrow(() -> new RuleSyntaxException(filter.location(),
                "the filter names no 'rules'; list the ids of the rules it applies to"));
        if (rulesNode instanceof YamlNode.Sequence list) {
            for (YamlNode item : list.items()) {
                rules.add(string(item, "a rule id"));
            }
        } else {
            rules.add(string(rulesNode, "'rules'"));
        }
        if (rules.isEmpty()) {
            throw new RuleSyntaxException(rulesNode.location(), "the filter's 'rules' list is empty; name the rules it applies to");
        }
        Detection detection = detection(filter, Set.of("rules"));
        return new SigmaFilter(id, title, rules, detection.identifiers(), detection.conditions(),
                detection.conditionLocation(), SourceLocation.ofFile(file));
    }

    private record Detection(Map<String, Selection> identifiers, List<Condition> conditions, SourceLocation conditionLocation) {}

    private static Detection detection(YamlNode.Mapping detection, Set<String> skip) {
        Map<String, Selection> identifiers = new LinkedHashMap<>();
        YamlNode conditionNode = null;
        for (YamlNode.Entry entry : detection.entries()) {
            if (skip.contains(entry.key())) {
                continue;
            }
            if (entry.key().equals("condition")) {
                conditionNode = entry.value();
            } else if (entry.key().equals("timeframe")) {
                throw new RuleSyntaxException(entry.keyLocation(),
                        "'timeframe' in detection is Sigma 1 aggregation syntax and not supported; "
                                + "use a Sigma correlation rule");
            } else {
                identifiers.put(entry.key(), SelectionParser.parse(entry.key(), entry.value()));
            }
        }
        if (conditionNode == null) {
            throw new RuleSyntaxException(detection.location(),
                    "'detection' has no 'condition'; add e.g. 'condition: selection'");
        }
        if (identifiers.isEmpty()) {
            throw new RuleSyntaxException(detection.location(),
                    "'detection' defines no search identifiers; add e.g. 'selection:' with field values");
        }
        List<Condition> conditions = new ArrayList<>();
        if (conditionNode instanceof YamlNode.Sequence list) {
            for (YamlNode item : list.items()) {
                conditions.add(ConditionParser.parse(string(item, "a condition"), item.location()));
            }
            if (conditions.isEmpty()) {
                throw new RuleSyntaxException(conditionNode.location(), "the condition list is empty; add a condition");
            }
        } else {
            conditions.add(ConditionParser.parse(string(conditionNode, "the condition"), conditionNode.location()));
        }
        return new Detection(identifiers, conditions, conditionNode.location());
    }

    private static SigmaRule parseRule(YamlNode.Mapping rule, String file, String defaultId) {
        String title = requiredString(rule, "title");
        String id = optionalString(rule, "id").orElse(defaultId);
        Level level = optionalString(rule, "level").map(name -> parseLevel(rule, name)).orElse(Level.MEDIUM);
        RuleLogsource logsource = logsource(rule);
        Detection detection = detection(mapping(required(rule, "detection"), "'detection'"), Set.of());
        return new SigmaRule(id, title,
                optionalString(rule, "status").orElse(null),
                optionalString(rule, "description").orElse(null),
                optionalString(rule, "author").orElse(null),
                optionalString(rule, "date").orElse(null),
                tags(rule), level, logsource, detection.identifiers(), detection.conditions(), detection.conditionLocation(),
                SourceLocation.ofFile(file));
    }

    private static Level parseLevel(YamlNode.Mapping rule, String text) {
        try {
            return Level.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RuleSyntaxException(rule.get("level").orElseThrow().location(), e.getMessage());
        }
    }

    private static RuleLogsource logsource(YamlNode.Mapping rule) {
        YamlNode.Mapping logsource = mapping(required(rule, "logsource"), "'logsource'");
        return new RuleLogsource(
                optionalString(logsource, "product").orElse(null),
                optionalString(logsource, "category").orElse(null),
                optionalString(logsource, "service").orElse(null));
    }

    private static List<String> tags(YamlNode.Mapping rule) {
        Optional<YamlNode> node = rule.get("tags");
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof YamlNode.Sequence list)) {
            throw new RuleSyntaxException(node.get().location(), "'tags' must be a list of strings");
        }
        List<String> tags = new ArrayList<>();
        for (YamlNode item : list.items()) {
            tags.add(string(item, "a tag"));
        }
        return tags;
    }

    private static YamlNode required(YamlNode.Mapping mapping, String key) {
        return mapping.get(key).orElseThrow(() -> new RuleSyntaxException(mapping.location(),
                "missing required attribute '" + key + "'; every Sigma rule needs title, logsource and detection"));
    }

    private static String requiredString(YamlNode.Mapping mapping, String key) {
        return string(required(mapping, key), "'" + key + "'");
    }

    private static Optional<String> optionalString(YamlNode.Mapping mapping, String key) {
        return mapping.get(key).filter(n -> !(n instanceof YamlNode.Scalar s && s.isNull()))
                .map(n -> string(n, "'" + key + "'"));
    }

    static String string(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar scalar && !scalar.isNull()) {
            return scalar.text();
        }
        throw new RuleSyntaxException(node.location(), what + " must be a string, not " + node.kind());
    }

    static YamlNode.Mapping mapping(YamlNode node, String what) {
        if (node instanceof YamlNode.Mapping mapping) {
            return mapping;
        }
        throw new RuleSyntaxException(node.location(), what + " must be a mapping, not " + node.kind());
    }
}
