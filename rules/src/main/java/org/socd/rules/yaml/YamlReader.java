package org.socd.rules.yaml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;

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
            YamlNode root = readValue(parser, file);
            if (parser.nextToken() != null) {
                throw new RuleSyntaxException(location(parser.currentTokenLocation(), file),
                        "the file holds more than one YAML document ('---'); multi-document rules "
                                + "(action: global, correlations) are not supported yet: put one rule per file");
            }
            return root;
        } catch (JacksonException e) {
            String message = e.getOriginalMessage();
            throw new RuleSyntaxException(location(e.getLocation(), file),
                    "invalid YAML: " + summarize(message) + "; fix the YAML syntax at this position");
        }
    }

    private static YamlNode readValue(JsonParser parser, String file) {
        SourceLocation at = location(parser.currentTokenLocation(), file);
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
                    entries.add(new YamlNode.Entry(key, keyAt, readValue(parser, file)));
                }
                return new YamlNode.Mapping(entries, at);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, file));
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
