package org.socd.rules.sigma;

import java.util.List;
import org.socd.rules.yaml.SourceLocation;
import org.socd.rules.yaml.YamlNode;

/**
 * One {@code field|modifiers: values} entry of a selection, or a keyword search when
 * {@code field} is null (a plain list of strings, or the {@code '|all':} keyword form).
 *
 * @param field     the event field name, or null for a keyword search
 * @param modifiers the modifiers in the order written
 * @param values    the values; several are ORed, or ANDed with {@link Modifier#ALL}
 * @param location  where the key (or the keyword list) was written
 */
public record FieldTerm(String field, List<Modifier> modifiers, List<YamlNode.Scalar> values, SourceLocation location) {

    public FieldTerm {
        modifiers = List.copyOf(modifiers);
        values = List.copyOf(values);
    }

    public boolean isKeyword() {
        return field == null;
    }

    public boolean has(Modifier modifier) {
        return modifiers.contains(modifier);
    }

    /** How the rule named this term, for messages: {@code field 'CommandLine'} or {@code keywords}. */
    public String describe() {
        return field == null ? "keywords" : "field '" + field + "'";
    }
}
