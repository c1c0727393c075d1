package org.socd.cli.output;

import java.io.PrintWriter;
import java.util.List;

/** Horizontal bars scaled to the largest value, labels left-aligned, counts after the bar. */
public final class BarChart {

    /** One bar; {@code level} picks its colour (null for none). */
    public record Bar(String label, long value, String level) {
    }

    private BarChart() {
    }

    public static void print(PrintWriter out, List<Bar> bars, int width, Colors colors) {
        long max = bars.stream().mapToLong(Bar::value).max().orElse(0);
        int labelWidth = Math.min(40, bars.stream().mapToInt(b -> b.label().length()).max().orElse(0));
        for (Bar b : bars) {
            String label = b.label().length() > labelWidth ? b.label().substring(0, labelWidth - 1) + "…" : b.label();
            int len = max == 0 ? 0 : (int) Math.round((double) b.value() * width / max);
            if (b.value() > 0 && len == 0) {
                len = 1; // a non-zero count never looks like zero
            }
            String bar = "█".repeat(len);
            out.println(label + " ".repeat(labelWidth - label.length() + 2) + colors.level(b.level(), bar)
                    + " ".repeat(width - len + 1) + b.value());
        }
        out.flush();
    }
}
