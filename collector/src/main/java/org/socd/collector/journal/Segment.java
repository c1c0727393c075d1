package org.socd.collector.journal;

import java.nio.file.Path;

/**
 * One segment file of the journal: the records from position {@code base} up to {@code end}
 * (exclusive). The writer thread grows the active segment; everyone else only reads.
 */
final class Segment {

    final long base;
    final Path log;
    final Path indexFile;
    final SparseIndex index;
    /** Position after the last record written to the file. */
    volatile long end;
    /** Bytes of whole records in the file. */
    volatile long bytes;
    /** True once the writer has moved on to a later segment: {@code end} is then final. */
    volatile boolean closed;
    /** Set by retention just before the files go. */
    volatile boolean deleted;

    Segment(long base, Path dir, SparseIndex index) {
        this.base = base;
        this.log = dir.resolve(name(base) + ".log");
        this.indexFile = dir.resolve(name(base) + ".idx");
        this.index = index;
        this.end = base;
    }

    static String name(long base) {
        return String.format("%020d", base);
    }

    /** The base position encoded in a segment file name, or -1 if the name is not one. */
    static long parseBase(String fileName) {
        if (!fileName.endsWith(".log") || fileName.length() != 24) {
            return -1;
        }
        try {
            return Long.parseLong(fileName.substring(0, 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return log.toString();
    }
}
