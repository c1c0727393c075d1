package org.socd.cli.hunt;

import java.io.PrintWriter;

/** A one-line progress bar on stderr, redrawn at most a few times a second (only used on a terminal). */
final class Progress {

    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long total;
    private final long started = System.nanoTime();
    private long lastDraw;

    Progress(PrintWriter err, long total) {
        this.err = err;
        this.total = Math.max(1, total);
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) (fraction * WIDTH);
        double seconds = (now - started) / 1e9;
        double mbPerSecond = seconds > 0 ? done / 1e6 / seconds : 0;
        err.printf("\r[%s%s] %3.0f%%  %.1f MB/s", "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, mbPerSecond);
        err.flush();
    }

    void finish() {
        err.print("\r" + " ".repeat(WIDTH + 30) + "\r");
        err.flush();
    }
}
