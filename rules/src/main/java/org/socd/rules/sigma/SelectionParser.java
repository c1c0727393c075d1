package org.socd.rules.sigma;

import java.util.ArrayList;
import java.util.List;
import org.socd.rules.yaml.RuleSyntaxException;
import org.socd.rules.yaml.SourceLocation;
import org.socd.rules.yaml.YamlNode;

/**
 * Reads the value of one search identifier: a mapping of field terms (AND), a list of mappings
 * (OR), or a keyword list. Modifier chains are validated here so that every rejected modifier is
 * reported with its file position.
 */
final class SelectionParser {

    private SelectionParser() {}

    static Selection parse(String identifier, YamlNode node) {
        if (node instanceof YamlNode.Mapping mapping) {
            return fieldMap(identifier, mapping);
        }
        if (node instanceof YamlNode.Sequence list) {
            if (list.items().isEmpty()) {
                throw new RuleSyntaxException(list.location(), "search identifier '" + identifier
                        + "' is an empty list; give it keywords or field mappings");
            }
            List<YamlNode.Scalar> keywords = new ArrayList<>();
            List<Selection> alternatives = new ArrayList<>();
            for (YamlNode item : list.items()) {
                if (item instanceof YamlNode.Scalar scalar) {
                    keywords.add(keyword(identifier, scalar));
                } else if (item instanceof YamlNode.Mapping mapping) {
                    alternatives.add(fieldMap(identifier, mapping));
                } else {
                    throw new RuleSyntaxException(item.location(), "search identifier '" + identifier
                            + "' contains a nested list; use keywords or field mappings");
                }
            }
            if (!keywords.isEmpty()) {
                alternatives.add(0, new Selection.AllOf(List.of(
                        new FieldTerm(null, List.of(), keywords, list.location()))));
            }
            return alternatives.size() == 1 ? alternatives.get(0) : new Selection.AnyOf(alternatives);
        }
        YamlNode.Scalar scalar = (YamlNode.Scalar) node;
        return new Selection.AllOf(List.of(
                new FieldTerm(null, List.of(), List.of(keyword(identifier, scalar)), scalar.location())));
    }

    private static YamlNode.Scalar keyword(String identifier, YamlNode.Scalar scalar) {
        if (scalar.isNull()) {
            throw new RuleSyntaxException(scalar.location(), "search identifier '" + identifier
                    + "' has a null keyword; keywords must be strings");
        }
        return scalar;
    }

    private static Selection fieldMap(String identifier, YamlNode.Mapping mapping) {
        if (mapping.entries().isEmpty()) {
            throw new RuleSyntaxException(mapping.location(), "search identifier '" + identifier
                    + "' is an empty mapping; give it at least one field");
        }
        List<FieldTerm> terms = new ArrayList<>();
        for (YamlNode.Entry entry : mapping.entries()) {
            terms.add(term(identifier, entry));
        }
        return new Selection.AllOf(terms);
    }

    private static FieldTerm term(String identifier, YamlNode.Entry entry) {
        String[] pieces = entry.key().split("\\|", -1);
        String field = pieces[0].isEmpty() ? null : pieces[0];
        List<Modifier> modifiers = new ArrayList<>();
        for (int i = 1; i < pieces.length; i++) {
            modifiers.add(modifier(identifier, entry, pieces[i]));
        }
        List<YamlNode.Scalar> values = values(identifier, entry);
        FieldTerm term = new FieldTerm(field, modifiers, values, entry.keyLocation());
        ModifierRules.check(identifier, term);
        return term;
    }

    private static Modifier modifier(String identifier, YamlNode.Entry entry, String name) {
        SourceLocation at = entry.keyLocation();
        if (name.isEmpty()) {
            throw new RuleSyntaxException(at, "empty modifier in '" + entry.key() + "' of search identifier '"
                    + identifier + "'; remove the extra '|'");
        }
        return Modifier.bySigmaName(name).orElseThrow(() -> new RuleSyntaxException(at,
                "unknown modifier '" + name + "': in '" + entry.key() + "' of search identifier '" + identifier
                        + "'; this is not a Sigma 2.1 modifier, check its spelling (see docs/rules.md)"));
    }

    private static List<YamlNode.Scalar> values(String identifier, YamlNode.Entry entry) {
        YamlNode node = entry.value();
        if (node instanceof YamlNode.Scalar scalar) {
            return List.of(scalar);
        }
        if (node instanceof YamlNode.Sequence list) {
            if (list.items().isEmpty()) {
                throw new RuleSyntaxException(list.location(), "'" + entry.key() + "' in search identifier '"
                        + identifier + "' has an empty list of values; give at least one value");
            }
            List<YamlNode.Scalar> values = new ArrayList<>();
            for (YamlNode item : list.items()) {
                if (!(item instanceof YamlNode.Scalar scalar)) {
                    throw new RuleSyntaxException(item.location(), "values of '" + entry.key()
                            + "' must be strings or numbers, not " + item.kind());
                }
                values.add(scalar);
            }
            return values;
        }
        throw new RuleSyntaxException(node.location(), "'" + entry.key() + "' in search identifier '" + identifier
                + "' has a mapping as value; give a value or a list of values");
    }
}
