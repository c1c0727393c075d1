package org.socd.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints rows as left-aligned columns sized to their content, each cell cut at a maximum width
 * so one long rule title cannot push the rest off the screen.
 */
public final class Table {

    private final List<String> headers;
    private final int[] maxWidths;
    private final List<List<String>> rows = new ArrayList<>();
    private int colourColumn = -1;
    private int levelColumn = -1;
    private Colors colors = new Colors(false);

    public Table(List<String> headers, int[] maxWidths) {
        this.headers = List.copyOf(headers);
        this.maxWidths = maxWidths.clone();
    }

    /** Colours cells of {@code column} by the level in {@code levelColumn} of the same row. */
    public Table colourByLevel(int column, int levelColumn, Colors colors) {
        this.colourColumn = column;
        this.levelColumn = levelColumn;
        this.colors = colors;
        return this;
    }

    public void add(List<String> row) {
        rows.add(row);
    }

    public void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], Math.min(maxWidths[i], cell(r, i).length()));
            }
        }
        line(out, headers, widths, -1, null);
        for (List<String> r : rows) {
            line(out, r, widths, colourColumn, levelColumn >= 0 ? cell(r, levelColumn) : null);
        }
        out.flush();
    }

    private static String cell(List<String> row, int i) {
        String v = i < row.size() ? row.get(i) : null;
        return v == null ? "-" : v;
    }

    private void line(PrintWriter out, List<String> row, int[] widths, int colour, String level) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String v = cell(row, i);
            if (v.length() > widths[i]) {
                v = v.substring(0, Math.max(0, widths[i] - 1)) + "…";
            }
            // Widths come from the plain text; escape codes are added after, so columns stay aligned.
            sb.append(i == colour ? colors.level(level, v) : v);
            if (i < widths.length - 1) {
                sb.append(" ".repeat(widths[i] - v.length() + 2));
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
