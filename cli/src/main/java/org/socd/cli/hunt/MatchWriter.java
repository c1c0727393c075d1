package org.socd.cli.hunt;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socd.protocol.event.Event;
import org.socd.rules.RuleMatch;
import org.socd.rules.correlation.Contribution;
import org.socd.rules.correlation.CorrelationMatch;
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

    /**
     * A correlation match: like a rule match, with the correlation's summary; {@code source} is
     * the latest contributing event, {@code events} the contributing events (the most recent ones).
     */
    void write(CorrelationMatch match) {
        RuleMatch rule = match.rule();
        String source = match.trigger().eventId();
        if (format == Format.jsonl) {
            Map<String, Object> group = new LinkedHashMap<>();
            List<String> groupBy = match.correlation().definition().groupBy();
            for (int i = 0; i < groupBy.size(); i++) {
                group.put(groupBy.get(i), match.groupKey().get(i));
            }
            Map<String, Object> correlation = new LinkedHashMap<>();
            correlation.put("type", match.correlation().type().sigmaName());
            correlation.put("group", group);
            correlation.put("value", match.value());
            correlation.put("event_count", match.eventCount());
            correlation.put("first", match.first().toString());
            correlation.put("last", match.last().toString());
            List<Map<String, Object>> events = new ArrayList<>();
            for (Contribution contribution : match.events()) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("source", contribution.eventId());
                event.put("event", contribution.event().fields());
                events.add(event);
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("rule_id", rule.ruleId());
            line.put("rule_title", rule.ruleTitle());
            line.put("level", rule.level().sigmaName());
            line.put("tags", rule.tags());
            line.put("source", source);
            line.put("timestamp", match.last().toString());
            line.put("correlation", correlation);
            line.put("events", events);
            out.println(JSON.writeValueAsString(line));
        } else {
            if (!headerWritten) {
                out.printf("%-13s %-28s %-40s %s%n", "LEVEL", "TIMESTAMP", "SOURCE", "RULE");
                headerWritten = true;
            }
            out.printf("%-13s %-28s %-40s %s (%s, %d events)%n", rule.level().sigmaName(), match.last(), source,
                    rule.ruleTitle(), match.correlation().type().sigmaName(), match.eventCount());
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
