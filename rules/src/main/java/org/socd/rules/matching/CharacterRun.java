package org.socd.rules.matching;

/**
 * A necessary condition of a regular expression: the text holds at least {@code length}
 * consecutive characters of a set ({@code [a-fA-F0-9]{64}} needs 64 hex digits in a row). Checked
 * in one table lookup per character before RE2/J, which costs far more per character. Every
 * character at or above 128 counts as in the set, so that case folding and code points beyond
 * ASCII can only make the check pass, never wrongly fail. Immutable.
 */
public final class CharacterRun {

    private final boolean[] ascii;
    private final int length;

    /** {@code ascii[c]}: whether ASCII character {@code c} is in the set (copied). */
    public CharacterRun(boolean[] ascii, int length) {
        if (ascii.length != 128 || length < 1) {
            throw new IllegalArgumentException("need a 128-entry set and a positive length");
        }
        this.ascii = ascii.clone();
        this.length = length;
    }

    public int length() {
        return length;
    }

    /** Whether {@code text} has {@code length} consecutive characters of the set. */
    public boolean occursIn(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 128 || ascii[c]) {
                if (++run >= length) {
                    return true;
                }
            } else {
                if (text.length() - i - 1 < length) {
                    return false; // too few characters left for a run
                }
                run = 0;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder set = new StringBuilder();
        for (char c = 32; c < 127; c++) {
            if (ascii[c]) {
                set.append(c);
            }
        }
        return "CharacterRun[" + length + " of " + set + "]";
    }
}
