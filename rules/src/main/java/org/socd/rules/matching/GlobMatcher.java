package org.socd.rules.matching;

import java.util.List;

/**
 * Matches a Sigma wildcard pattern without a regex engine: the pattern is fixed-length segments
 * (literal characters, {@code ?}, character choices) separated by {@code *}. The first segment is
 * anchored at the start (unless the pattern starts with {@code *}), the last at the end, and the
 * ones between are found leftmost in order — which is exact for such patterns and linear-ish.
 */
public final class GlobMatcher {

    /** One fixed-length piece between {@code *}s; {@code choices[i]} null = literal {@code chars[i]}, "" = any. */
    public record Segment(char[] chars, String[] choices) {

        int length() {
            return chars.length;
        }

        boolean matchesAt(String value, int at) {
            for (int i = 0; i < chars.length; i++) {
                char c = value.charAt(at + i);
                String choice = choices[i];
                if (choice == null ? c != chars[i] : !choice.isEmpty() && choice.indexOf(c) < 0) {
                    return false;
                }
            }
            return true;
        }

        int find(String value, int from, int to) {
            for (int at = from; at + chars.length <= to; at++) {
                if (matchesAt(value, at)) {
                    return at;
                }
            }
            return -1;
        }
    }

    private final Segment[] segments;
    /** Per segment, its text when it has no {@code ?} or choice (found with String.indexOf, far faster), else null. */
    private final String[] literals;
    private final boolean leadingAny;
    private final boolean trailingAny;

    public GlobMatcher(List<Segment> segments, boolean leadingAny, boolean trailingAny) {
        this.segments = segments.toArray(new Segment[0]);
        this.literals = new String[this.segments.length];
        for (int i = 0; i < literals.length; i++) {
            Segment segment = this.segments[i];
            boolean plain = true;
            for (String choice : segment.choices()) {
                plain &= choice == null;
            }
            literals[i] = plain ? new String(segment.chars()) : null;
        }
        this.leadingAny = leadingAny;
        this.trailingAny = trailingAny;
    }

    /** Leftmost start of segment {@code i} in {@code value[from, to)}, or -1. */
    private int find(int i, String value, int from, int to) {
        String literal = literals[i];
        if (literal == null) {
            return segments[i].find(value, from, to);
        }
        int at = value.indexOf(literal, from);
        return at >= 0 && at + literal.length() <= to ? at : -1;
    }

    public boolean matches(String value) {
        int n = segments.length;
        if (n == 0) {
            return leadingAny || value.isEmpty();
        }
        int start = 0;
        int end = value.length();
        int first = 0;
        int last = n - 1;
        if (!leadingAny) {
            Segment head = segments[0];
            if (head.length() > end || !head.matchesAt(value, 0)) {
                return false;
            }
            start = head.length();
            first = 1;
            if (n == 1) {
                return trailingAny || start == end;
            }
        }
        if (!trailingAny) {
            Segment tail = segments[last];
            if (tail.length() > end - start || !tail.matchesAt(value, end - tail.length())) {
                return false;
            }
            end -= tail.length();
            last--;
        }
        for (int i = first; i <= last; i++) {
            int at = find(i, value, start, end);
            if (at < 0) {
                return false;
            }
            start = at + segments[i].length();
        }
        return true;
    }
}
