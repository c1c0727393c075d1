package org.socd.rules.logsource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.socd.rules.matching.EventFields;
import org.socd.rules.yaml.RuleSyntaxException;
import org.socd.rules.yaml.YamlNode;
import org.socd.rules.yaml.YamlReader;

/**
 * Derives an event's logsources from its fields, driven by a YAML table (see
 * {@code default-mapping.yml}) so that new sources need data, not code. Every entry whose
 * {@code when} holds contributes its products, categories and services.
 */
public final class LogsourceMapping {

    private static final String BUNDLED = "org/socd/rules/logsource/default-mapping.yml";
    private static final LogsourceMapping DEFAULT = loadBundled();

    /** A field test of one entry: the field equals one of {@code values} (case-insensitively), or is present for {@code *}. */
    record FieldTest(String field, List<String> values) {
        boolean holds(EventFields event) {
            if (values.isEmpty()) {
                return event.has(field);
            }
            for (String value : event.lowerCaseValues(field)) {
                if (values.contains(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Entry(List<FieldTest> when, List<String> products, List<String> categories, List<String> services,
                 Map<String, String> fields) {}

    private final List<Entry> entries;
    /** Every field some entry tests: an event's logsource depends on these values only. */
    private final List<String> testedFields;
    /** Logsources by the tested fields' values; events come in few kinds, so deriving is mostly one lookup. */
    private final ConcurrentHashMap<MemoKey, EventLogsource> memo = new ConcurrentHashMap<>();
    private static final int MEMO_LIMIT = 4096;

    private LogsourceMapping(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        Set<String> fields = new LinkedHashSet<>();
        for (Entry entry : entries) {
            for (FieldTest test : entry.when()) {
                fields.add(test.field());
            }
        }
        this.testedFields = List.copyOf(fields);
    }

    /** The mapping bundled with socd. */
    public static LogsourceMapping defaults() {
        return DEFAULT;
    }

    /** Reads a mapping table; {@code file} names it in errors. */
    public static LogsourceMapping parse(String text, String file) {
        YamlNode root = YamlReader.read(text, file);
        if (!(root instanceof YamlNode.Mapping top) || !(top.get("sources").orElse(null) instanceof YamlNode.Sequence list)) {
            throw new RuleSyntaxException(root.location(), "a logsource mapping needs a 'sources' list");
        }
        List<Entry> entries = new ArrayList<>();
        for (YamlNode item : list.items()) {
            if (!(item instanceof YamlNode.Mapping entry) || !(entry.get("when").orElse(null) instanceof YamlNode.Mapping when)) {
                throw new RuleSyntaxException(item.location(), "each source needs a 'when' mapping of field tests");
            }
            List<FieldTest> tests = new ArrayList<>();
            for (YamlNode.Entry test : when.entries()) {
                List<String> values = strings(test.value());
                tests.add(new FieldTest(test.key(), values.equals(List.of("*")) ? List.of() : values));
            }
            entries.add(new Entry(tests, strings(entry.get("product").orElse(null)),
                    strings(entry.get("category").orElse(null)), strings(entry.get("service").orElse(null)),
                    fields(entry.get("fields").orElse(null))));
        }
        return new LogsourceMapping(entries);
    }

    /** The logsources of one event. */
    public EventLogsource derive(EventFields event) {
        Object[] key = new Object[testedFields.size()];
        for (int i = 0; i < key.length; i++) {
            // Presence matters too ('*' tests): an absent field is null, a present one its value.
            String field = testedFields.get(i);
            Object raw = event.value(field);
            if (raw == null) {
                // Most tested fields are absent from any one event (a syslog line has no Channel).
                continue;
            }
            // The value as it is: the logsource depends on its lower-cased text only, so a key per
            // spelling is as right and spares converting and lower-casing. Strings and numbers are
            // immutable; anything else (a list, a mapping) is keyed by its text, as the tests read it.
            if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
                key[i] = raw;
            } else {
                List<String> values = event.values(field);
                key[i] = values.isEmpty() ? List.of("\u0000present") : values;
            }
        }
        MemoKey memoKey = new MemoKey(key);
        EventLogsource cached = memo.get(memoKey);
        if (cached != null) {
            return cached;
        }
        EventLogsource derived = compute(event);
        if (memo.size() < MEMO_LIMIT) {
            memo.putIfAbsent(memoKey, derived);
        }
        return derived;
    }

    /** The tested fields' values of one event (null: absent), compared element by element. */
    private record MemoKey(Object[] values) {
        @Override
        public boolean equals(Object other) {
            return other instanceof MemoKey key && Arrays.equals(values, key.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    private EventLogsource compute(EventFields event) {
        Set<String> products = new LinkedHashSet<>();
        Set<String> categories = new LinkedHashSet<>();
        Set<String> services = new LinkedHashSet<>();
        Map<String, String> fields = Map.of();
        for (Entry entry : entries) {
            if (allHold(entry.when(), event)) {
                products.addAll(entry.products());
                categories.addAll(entry.categories());
                services.addAll(entry.services());
                if (!entry.fields().isEmpty()) {
                    fields = fields.isEmpty() ? entry.fields() : merge(fields, entry.fields());
                }
            }
        }
        return new EventLogsource(products, categories, services, fields);
    }

    private static boolean allHold(List<FieldTest> tests, EventFields event) {
        for (int i = 0; i < tests.size(); i++) {
            if (!tests.get(i).holds(event)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> merged = new LinkedHashMap<>(a);
        merged.putAll(b);
        return merged;
    }

    private static Map<String, String> fields(YamlNode node) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof YamlNode.Mapping mapping)) {
            throw new RuleSyntaxException(node.location(), "'fields' must map rule field names to event field names");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (YamlNode.Entry entry : mapping.entries()) {
            if (!(entry.value() instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
                throw new RuleSyntaxException(entry.value().location(), "field '" + entry.key()
                        + "' must map to an event field name");
            }
            fields.put(entry.key(), scalar.text());
        }
        return fields;
    }

    private static List<String> strings(YamlNode node) {
        if (node == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        if (node instanceof YamlNode.Sequence list) {
            for (YamlNode item : list.items()) {
                values.addAll(strings(item));
            }
        } else if (node instanceof YamlNode.Scalar scalar && !scalar.isNull()) {
            values.add(scalar.text().toLowerCase(Locale.ROOT));
        } else {
            throw new RuleSyntaxException(node.location(), "expected a value or a list of values, not " + node.kind());
        }
        return values;
    }

    private static LogsourceMapping loadBundled() {
        try (InputStream in = LogsourceMapping.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("bundled logsource mapping " + BUNDLED + " missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled logsource mapping " + BUNDLED, e);
        }
    }
}
