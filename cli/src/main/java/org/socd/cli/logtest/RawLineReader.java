package org.socd.cli.logtest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines on LF without decoding it, so that a line's bytes reach the
 * parser exactly as a syslog sender would have sent them (non-UTF-8 bytes included). A CR before
 * the LF and a last line without LF are handled; a line longer than the limit is cut there and
 * the rest of it skipped without being buffered, as the daemon does.
 */
final class RawLineReader {

    /** One line: its bytes (without LF), and whether it was cut at the limit. */
    record Line(byte[] bytes, int length, boolean truncated) {
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[8192];
    private int chunkPos;
    private int chunkEnd;
    private boolean eof;
    private byte[] line = new byte[256];

    RawLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the stream. The bytes are valid until the next call. */
    Line next() throws IOException {
        int length = 0;
        boolean truncated = false;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkEnd) {
                if (eof || !fill()) {
                    return any ? finish(length, truncated) : null;
                }
            }
            any = true;
            int lf = -1;
            for (int i = chunkPos; i < chunkEnd; i++) {
                if (chunk[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            int stop = lf < 0 ? chunkEnd : lf;
            int take = Math.min(stop - chunkPos, maxLineBytes - length);
            if (take > 0) {
                ensure(length + take);
                System.arraycopy(chunk, chunkPos, line, length, take);
                length += take;
            }
            if (stop - chunkPos > take) {
                truncated = true;
            }
            chunkPos = stop;
            if (lf >= 0) {
                chunkPos = lf + 1;
                return finish(length, truncated);
            }
        }
    }

    private Line finish(int length, boolean truncated) {
        int n = length;
        if (!truncated && n > 0 && line[n - 1] == '\r') {
            n--;
        }
        return new Line(line, n, truncated);
    }

    private boolean fill() throws IOException {
        int n = in.read(chunk, 0, chunk.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        chunkPos = 0;
        chunkEnd = n;
        return true;
    }

    private void ensure(int capacity) {
        if (capacity > line.length) {
            line = Arrays.copyOf(line, Math.max(capacity, Math.min(maxLineBytes, line.length * 2)));
        }
    }
}
