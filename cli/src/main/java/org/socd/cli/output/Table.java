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

    public Table(List<String> headers, int[] maxWidths) {
        this.headers = List.copyOf(headers);
        this.maxWidths = maxWidths.clone();
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
        line(out, headers, widths);
        for (List<String> r : rows) {
            line(out, r, widths);
        }
        out.flush();
    }

    private static String cell(List<String> row, int i) {
        String v = i < row.size() ? row.get(i) : null;
        return v == null ? "-" : v;
    }

    private static void line(PrintWriter out, List<String> row, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String v = cell(row, i);
            if (v.length() > widths[i]) {
                v = v.substring(0, Math.max(0, widths[i] - 1)) + "…";
            }
            sb.append(v);
            if (i < widths.length - 1) {
                sb.append(" ".repeat(widths[i] - v.length() + 2));
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
