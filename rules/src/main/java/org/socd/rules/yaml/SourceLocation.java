package org.socd.rules.yaml;

/**
 * Where something sits in a rule file, for error messages an author can act on.
 *
 * @param file   the file path or classpath resource name
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record SourceLocation(String file, int line, int column) {

    /** A location that names only the file. */
    public static SourceLocation ofFile(String file) {
        return new SourceLocation(file, 0, 0);
    }

    /** {@code file:line:col}, or just {@code file} when the position is unknown. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
