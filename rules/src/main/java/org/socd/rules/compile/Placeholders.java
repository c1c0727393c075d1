package org.socd.rules.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socd.rules.yaml.RuleSyntaxException;
import org.socd.rules.yaml.YamlNode;
import org.socd.rules.yaml.YamlReader;

/**
 * Values for Sigma's {@code expand} placeholders ({@code %Admins%} and the like), from
 * configuration. A rule whose placeholder has no values here is rejected, because matching the
 * literal {@code %Admins%} would silently never fire.
 *
 * @param values placeholder name (without {@code %}) to its values
 */
public record Placeholders(Map<String, List<String>> values) {

    /** No placeholders configured. */
    public static final Placeholders NONE = new Placeholders(Map.of());

    public Placeholders {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        values = Map.copyOf(copy);
    }

    /**
     * Reads {@code placeholders: {name: [value, ...], ...}} (a single value may stand alone).
     *
     * @throws RuleSyntaxException naming the position of anything else
     */
    public static Placeholders parse(String text, String file) {
        YamlNode root = YamlReader.read(text, file);
        if (!(root instanceof YamlNode.Mapping top) || !(top.get("placeholders").orElse(null) instanceof YamlNode.Mapping map)) {
            throw new RuleSyntaxException(root.location(), "a placeholder file needs a 'placeholders' mapping of name: [values]");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (YamlNode.Entry entry : map.entries()) {
            List<String> list = new ArrayList<>();
            List<YamlNode> items = entry.value() instanceof YamlNode.Sequence seq ? seq.items() : List.of(entry.value());
            for (YamlNode item : items) {
                if (!(item instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
                    throw new RuleSyntaxException(item.location(), "placeholder '" + entry.key() + "' values must be strings");
                }
                list.add(scalar.text());
            }
            values.put(entry.key(), list);
        }
        return new Placeholders(values);
    }
}
