package org.socd.rules.yaml;

import java.io.Reader;

/**
 * A reader over a string that never fills the caller's whole buffer.
 *
 * <p>snakeyaml-engine 3.0.1 ({@code StreamReader.extendIfTrailingHighSurrogate}) reads one more
 * char after its window when the window ends in a high surrogate, at an index one past a full
 * buffer, and fails with {@code IndexOutOfBoundsException} on any rule with an emoji at a
 * 1024-char boundary (SigmaHQ has such rules). Leaving one char of room avoids it; readers may
 * always return fewer chars than asked, so the parser is unaffected otherwise.
 */
final class SurrogateSafeReader extends Reader {

    private final String text;
    private int position;

    SurrogateSafeReader(String text) {
        this.text = text;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        if (position >= text.length()) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int count = Math.min(length > 1 ? length - 1 : 1, text.length() - position);
        text.getChars(position, position + count, buffer, offset);
        position += count;
        return count;
    }

    @Override
    public void close() {
        // Nothing to release: the text is in memory.
    }
}
