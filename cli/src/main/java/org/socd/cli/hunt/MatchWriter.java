package org.socd.cli.hunt;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;
import org.socd.rules.events.SourcedEvent;
import tools.jackson.databind.json.JsonMapper;

/** Writes one hunt match per line: a JSON object for scripts, or a fixed-width line for people. */
final class MatchWriter {

    /** Output formats of {@code soc hunt}. */
    enum Format { jsonl, table }

    private static final JsonMapper JSON = new JsonMapper();
    /** Fields that carry the event's own time, in order of preference. */
    private static final String[] TIME_FIELDS = {Event.TIMESTAMP, "TimeCreated_SystemTime", "UtcTime", "@timestamp", "time"};

    private final Format format;
    private final PrintWriter out;
    private boolean headerWritten;

    MatchWriter(Format format, PrintWriter out) {
        this.format = format;
        this.out = out;
    }

    void write(RuleMatch match, SourcedEvent sourced) {
        Event event = sourced.event();
        String timestamp = timestamp(event);
        if (format == Format.jsonl) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("rule_id", match.ruleId());
            line.put("rule_title", match.ruleTitle());
            line.put("level", match.level().sigmaName());
            line.put("tags", match.tags());
            line.put("source", sourced.source());
            line.put("timestamp", timestamp);
            line.put("event", event.fields());
            out.println(JSON.writeValueAsString(line));
        } else {
            if (!headerWritten) {
                out.printf("%-13s %-28s %-40s %s%n", "LEVEL", "TIMESTAMP", "SOURCE", "RULE");
                headerWritten = true;
            }
            out.printf("%-13s %-28s %-40s %s%n", match.level().sigmaName(), timestamp == null ? "-" : timestamp,
                    sourced.source(), match.ruleTitle());
        }
    }

    private static String timestamp(Event event) {
        for (String field : TIME_FIELDS) {
            Object value = event.get(field);
            if (value != null) {
                return value.toString();
            }
        }
        return null;
    }
}
