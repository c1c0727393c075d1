package org.socd.rules.yaml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads one YAML document into a {@link YamlNode} tree with a location on every node, using
 * Jackson's streaming YAML parser (which reports token positions) rather than its tree model
 * (which does not).
 */
public final class YamlReader {

    private static final YAMLMapper MAPPER = new YAMLMapper();
    private static final Pattern MARK = Pattern.compile("in .*, line (\\d+), column (\\d+):?");

    private YamlReader() {}

    /**
     * Parses {@code text}, naming {@code file} in locations.
     *
     * @throws RuleSyntaxException for invalid YAML, an empty file, several documents or duplicate keys
     */
    public static YamlNode read(String text, String file) {
        try (JsonParser parser = MAPPER.createParser(new SurrogateSafeReader(text))) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new RuleSyntaxException(SourceLocation.ofFile(file),
                        "the file contains no YAML document; put a Sigma rule in it or delete it");
            }
            YamlNode root = readValue(parser, file, new Aliases());
            if (parser.nextToken() != null) {
                throw new RuleSyntaxException(location(parser.currentTokenLocation(), file),
                        "the file holds more than one YAML document ('---') where one is expected; "
                                + "put it in the rule directory (multi-document rule files are read there) "
                                + "or keep one document in this file");
            }
            return root;
        } catch (JacksonException e) {
            String message = e.getOriginalMessage();
            throw new RuleSyntaxException(location(e.getLocation(), file),
                    "invalid YAML: " + summarize(message) + "; fix the YAML syntax at this position");
        }
    }

    /**
     * Parses every document of a multi-document file ({@code ---} separators), naming {@code file}
     * in locations. Empty documents (a leading or trailing {@code ---}) are skipped. The alias
     * budget is shared by all documents of the file, so splitting a YAML bomb across documents
     * does not multiply it; anchors are per document, as YAML defines them.
     *
     * @throws RuleSyntaxException for invalid YAML, a file without any document, or duplicate keys
     */
    public static List<YamlNode> readAll(String text, String file) {
        List<YamlNode> documents = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(new SurrogateSafeReader(text))) {
            Aliases aliases = new Aliases();
            while (parser.nextToken() != null) {
                aliases.anchors.clear();
                YamlNode document = readValue(parser, file, aliases);
                if (!(document instanceof YamlNode.Scalar scalar && scalar.isNull())) {
                    documents.add(document);
                }
            }
        } catch (JacksonException e) {
            throw new RuleSyntaxException(location(e.getLocation(), file),
                    "invalid YAML: " + summarize(e.getOriginalMessage()) + "; fix the YAML syntax at this position");
        }
        if (documents.isEmpty()) {
            throw new RuleSyntaxException(SourceLocation.ofFile(file),
                    "the file contains no YAML document; put a Sigma rule in it or delete it");
        }
        return documents;
    }

    /** Most nodes a file may reach through aliases: real rules use none; a "billion laughs" file hits this at once. */
    static final int MAX_ALIASED_NODES = 10_000;

    /** Anchored nodes by name, and the budget of nodes reached through aliases so far. */
    private static final class Aliases {
        final Map<String, YamlNode> anchors = new HashMap<>();
        final Map<YamlNode, Integer> sizes = new IdentityHashMap<>();
        long expanded;

        int size(YamlNode node) {
            Integer known = sizes.get(node);
            if (known != null) {
                return known;
            }
            long total = 1;
            if (node instanceof YamlNode.Mapping m) {
                for (YamlNode.Entry e : m.entries()) {
                    total += size(e.value());
                }
            } else if (node instanceof YamlNode.Sequence seq) {
                for (YamlNode item : seq.items()) {
                    total += size(item);
                }
            }
            int bounded = (int) Math.min(total, Integer.MAX_VALUE);
            sizes.put(node, bounded);
            return bounded;
        }
    }

    private static YamlNode readValue(JsonParser parser, String file, Aliases aliases) {
        SourceLocation at = location(parser.currentTokenLocation(), file);
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            String name = yaml.getString();
            YamlNode target = aliases.anchors.get(name);
            if (target == null) {
                throw new RuleSyntaxException(at, "YAML alias '*" + name + "' refers to no anchor defined before it; define '&"
                        + name + "' first");
            }
            aliases.expanded += aliases.size(target);
            if (aliases.expanded > MAX_ALIASED_NODES) {
                throw new RuleSyntaxException(at, "YAML aliases expand to more than " + MAX_ALIASED_NODES
                        + " nodes (a 'billion laughs' YAML bomb?); write the values out instead of nesting aliases");
            }
            return target;
        }
        String anchor = parser instanceof YAMLParser yaml ? yaml.getObjectId() : null;
        YamlNode node = readPlain(parser, file, aliases, at);
        if (anchor != null) {
            aliases.anchors.put(anchor, node);
        }
        return node;
    }

    private static YamlNode readPlain(JsonParser parser, String file, Aliases aliases, SourceLocation at) {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                List<YamlNode.Entry> entries = new ArrayList<>();
                Map<String, SourceLocation> seen = new HashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = parser.currentName();
                    SourceLocation keyAt = location(parser.currentTokenLocation(), file);
                    SourceLocation previous = seen.putIfAbsent(key, keyAt);
                    if (previous != null) {
                        throw new RuleSyntaxException(keyAt, "duplicate key '" + key + "' (first at line "
                                + previous.line() + "); YAML keeps only one of them, so merge or rename them");
                    }
                    parser.nextToken();
                    entries.add(new YamlNode.Entry(key, keyAt, readValue(parser, file, aliases)));
                }
                return new YamlNode.Mapping(entries, at);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, file, aliases));
                }
                return new YamlNode.Sequence(items, at);
            }
            case VALUE_STRING:
                return new YamlNode.Scalar(parser.getString(), at);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(parser.getNumberValue(), at);
            case VALUE_TRUE:
                return new YamlNode.Scalar(Boolean.TRUE, at);
            case VALUE_FALSE:
                return new YamlNode.Scalar(Boolean.FALSE, at);
            case VALUE_NULL:
                return new YamlNode.Scalar(null, at);
            default:
                // Embedded objects (binary !!binary) have no meaning in a rule file.
                throw new RuleSyntaxException(at, "unsupported YAML value (" + token
                        + "); use plain strings, numbers, booleans, lists and mappings");
        }
    }

    private static SourceLocation location(TokenStreamLocation location, String file) {
        if (location == null || location.getLineNr() <= 0) {
            return SourceLocation.ofFile(file);
        }
        return new SourceLocation(file, location.getLineNr(), location.getColumnNr());
    }

    /**
     * snakeyaml-engine messages span several lines with source excerpts and carets; keep the
     * sentences and where the construct started, e.g. "while scanning a quoted scalar (started at
     * line 4, column 16): found unexpected end of stream".
     */
    static String summarize(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable input";
        }
        List<String> sentences = new ArrayList<>();
        for (String line : message.split("\n")) {
            String text = line.strip();
            if (text.isEmpty() || text.equals("^")) {
                continue;
            }
            Matcher mark = MARK.matcher(text);
            if (mark.matches()) {
                if (sentences.size() == 1) {
                    sentences.set(0, sentences.get(0) + " (started at line " + mark.group(1) + ", column " + mark.group(2) + ")");
                }
            } else if (!line.startsWith(" ")) {
                sentences.add(text);
            }
        }
        return sentences.isEmpty() ? message.strip() : String.join(": ", sentences);
    }
}
