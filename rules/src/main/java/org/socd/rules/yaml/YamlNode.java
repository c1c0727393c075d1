package org.socd.rules.yaml;

import java.util.List;
import java.util.Optional;

/**
 * A YAML value that remembers where it was written. Jackson's tree model drops token locations,
 * and rule authors need {@code file:line:col} in every error, so rule files are read into this
 * small tree instead.
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    SourceLocation location();

    /** What kind of node this is, in words for error messages. */
    String kind();

    /** One {@code key: value} pair of a mapping; keys are always strings in rule files. */
    record Entry(String key, SourceLocation keyLocation, YamlNode value) {}

    /** A YAML mapping in document order; duplicate keys are rejected by the reader. */
    record Mapping(List<Entry> entries, SourceLocation location) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        public Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        public Optional<YamlNode> get(String key) {
            return entry(key).map(Entry::value);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A YAML sequence. */
    record Sequence(List<YamlNode> items, SourceLocation location) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A YAML scalar: {@code String}, {@code Long}, {@code java.math.BigInteger}, {@code Double},
     * {@code Boolean}, or {@code null} for YAML null. Quoted numbers stay strings.
     */
    record Scalar(Object value, SourceLocation location) implements YamlNode {

        public boolean isNull() {
            return value == null;
        }

        /** The scalar as text as written (numbers and booleans in their canonical spelling). */
        public String text() {
            return value == null ? "null" : value.toString();
        }

        @Override
        public String kind() {
            return value == null ? "null" : "a scalar";
        }
    }
}
