package org.socd.cli.alerts;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.socd.cli.output.Ago;
import org.socd.cli.output.Colors;
import org.socd.cli.output.Csv;
import org.socd.cli.output.Format;
import org.socd.cli.output.Table;
import tools.jackson.databind.JsonNode;

/** Prints alerts (the API's JSON shape) as a table, CSV, JSON, or one alert in full. */
final class AlertPrinter {

    static final List<String> CSV_COLUMNS = List.of("id", "detected_at", "timestamp", "level", "status", "rule_id",
            "rule_title", "host", "user", "src_ip", "dst_ip", "assignee", "tactics", "techniques");

    private AlertPrinter() {
    }

    static void list(PrintWriter out, Iterable<JsonNode> alerts, Format format, Colors colors, Instant now) {
        switch (format) {
            case json -> alerts.forEach(a -> out.println(a.toString()));
            case csv -> {
                Csv.row(out, CSV_COLUMNS);
                alerts.forEach(a -> Csv.row(out, csvRow(a)));
            }
            case table -> {
                Table table = new Table(List.of("DETECTED", "LEVEL", "STATUS", "RULE", "HOST", "USER", "SRC IP", "ID"),
                        new int[] {12, 13, 12, 48, 24, 16, 39, 32}).colourByLevel(1, 1, colors);
                alerts.forEach(a -> table.add(tableRow(a, now)));
                table.print(out);
            }
        }
        out.flush();
    }

    static List<String> tableRow(JsonNode a, Instant now) {
        List<String> row = new ArrayList<>();
        row.add(Ago.of(a.path("detected_at").asString(null), now));
        row.add(a.path("level").asString(null));
        row.add(a.path("status").asString(null));
        row.add(a.path("rule_title").asString(null));
        row.add(a.path("host").asString(null));
        row.add(a.path("user").asString(null));
        row.add(a.path("src_ip").asString(null));
        row.add(a.path("id").asString(null));
        return row;
    }

    static List<String> csvRow(JsonNode a) {
        List<String> row = new ArrayList<>();
        for (String c : CSV_COLUMNS) {
            JsonNode v = a.path(c);
            if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                v.forEach(x -> parts.add(x.asString()));
                row.add(String.join(" ", parts));
            } else {
                row.add(v.isNull() || v.isMissingNode() ? "" : v.asString());
            }
        }
        return row;
    }

    /** One alert in full: the fields, the notes, the history, the triggering events. */
    static void detail(PrintWriter out, JsonNode a, Colors colors, Instant now) {
        String level = a.path("level").asString("");
        field(out, "id", a.path("id").asString());
        field(out, "rule", a.path("rule_title").asString() + "  (" + a.path("rule_id").asString() + ")");
        field(out, "level", colors.level(level, level));
        field(out, "status", a.path("status").asString()
                + (a.path("resolution").isNull() ? "" : ": " + a.path("resolution").asString()));
        field(out, "assignee", text(a.path("assignee")));
        field(out, "detected", a.path("detected_at").asString() + "  (" + Ago.of(a.path("detected_at").asString(null), now) + ")");
        field(out, "event time", a.path("timestamp").asString());
        field(out, "host", text(a.path("host")));
        field(out, "user", text(a.path("user")));
        field(out, "src ip", text(a.path("src_ip")));
        field(out, "dst ip", text(a.path("dst_ip")));
        field(out, "agent", text(a.path("agent_id")));
        field(out, "tags", join(a.path("tags")));
        field(out, "tactics", join(a.path("tactics")));
        field(out, "techniques", join(a.path("techniques")));
        if (!a.path("notes").isEmpty()) {
            out.println();
            out.println(colors.bold("notes"));
            for (JsonNode n : a.path("notes")) {
                out.println("  " + n.path("at").asString() + "  " + n.path("author").asString() + ": " + n.path("text").asString());
            }
        }
        if (!a.path("history").isEmpty()) {
            out.println();
            out.println(colors.bold("history"));
            for (JsonNode h : a.path("history")) {
                String detail = h.path("detail").asString("");
                out.println("  " + h.path("at").asString() + "  " + h.path("by").asString() + " " + h.path("action").asString()
                        + (detail.isEmpty() ? "" : ": " + detail));
            }
        }
        out.println();
        out.println(colors.bold("events"));
        for (JsonNode e : a.path("events")) {
            out.println(e.toPrettyString());
        }
        out.flush();
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("%-12s %s%n", name, value);
    }

    private static String text(JsonNode v) {
        return v.isNull() || v.isMissingNode() ? "-" : v.asString();
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(x -> parts.add(x.asString()));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }
}
