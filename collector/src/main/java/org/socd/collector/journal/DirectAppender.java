package org.socd.collector.journal;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Appends with O_DIRECT: the bytes go from this process's buffer to the device, not through
 * the page cache (see {@link SegmentAppender} for why).
 *
 * <p>O_DIRECT writes whole aligned blocks from an aligned buffer, while records end anywhere.
 * So each append rewrites the last, partly filled block: the bytes of whole records in it
 * (kept in {@link #tail}) followed by the new records, the final block padded with zeros.
 * On disk a segment therefore ends in up to a block of zeros until it is closed, when the file
 * is cut to its records; a crash leaves the padding, which the journal's recovery scan
 * recognises as padding, not as a torn record.
 */
final class DirectAppender extends SegmentAppender {

    /** Bytes staged per write; a larger batch is written in several writes. */
    private static final int CHUNK_BYTES = 1 << 20;
    /** The alignment used unless the file system reports a larger power of two. */
    private static final int MIN_BLOCK = 4096;
    /** Padding is never longer than this, whatever block size a file system reports. */
    static final int MAX_BLOCK = 64 * 1024;

    private final int block;
    /** Aligned: the bytes of one write. Between writes of one append it starts with the carried tail. */
    private final ByteBuffer stage;
    /** The records' bytes in the last, partial block: {@code [size - tailLength, size)}. */
    private final ByteBuffer tail;
    private int tailLength;

    private DirectAppender(FileChannel channel, int block, long size) {
        super(channel, size);
        this.block = block;
        this.stage = ByteBuffer.allocateDirect(CHUNK_BYTES + 2 * block).alignedSlice(block);
        this.tail = ByteBuffer.allocateDirect(block);
    }

    static DirectAppender open(Path file, long size, boolean create) throws IOException {
        int block = blockSize(file.getParent());
        byte[] tailBytes = new byte[(int) (size % block)];
        if (!create && tailBytes.length > 0) {
            try (FileChannel plain = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.wrap(tailBytes);
                long at = size - tailBytes.length;
                while (b.hasRemaining()) {
                    int n = plain.read(b, at);
                    if (n < 0) {
                        throw new IOException(file + ": ends before byte " + size + ", which the journal counted as written");
                    }
                    at += n;
                }
            }
        }
        FileChannel ch = create
                ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)
                : FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
        DirectAppender a = new DirectAppender(ch, block, size);
        a.tail.put(0, tailBytes);
        a.tailLength = tailBytes.length;
        return a;
    }

    /** A power of two of at least 4 KiB that the file system's block size divides. */
    static int blockSize(Path dir) throws IOException {
        long reported = Files.getFileStore(dir).getBlockSize();
        if (reported > MIN_BLOCK && reported <= MAX_BLOCK && Long.bitCount(reported) == 1) {
            return (int) reported;
        }
        return MIN_BLOCK;
    }

    @Override
    void append(ByteBuffer records) throws IOException {
        int carried = tailLength;
        long writeAt = size - carried;
        stage.clear();
        stage.put(0, tail, 0, carried);
        try {
            while (records.hasRemaining()) {
                int n = Math.min(records.remaining(), CHUNK_BYTES);
                stage.put(carried, records, records.position(), n);
                records.position(records.position() + n);
                int dataEnd = carried + n;
                int padded = (dataEnd + block - 1) & -block;
                for (int i = dataEnd; i < padded; i++) {
                    stage.put(i, (byte) 0);
                }
                stage.position(0).limit(padded);
                long at = writeAt;
                while (stage.hasRemaining()) {
                    at += channel.write(stage, at);
                }
                stage.clear();
                int whole = dataEnd & -block;
                carried = dataEnd - whole;
                if (whole > 0) {
                    stage.put(0, stage, whole, carried); // the partial block is rewritten by the next write
                }
                writeAt += whole;
            }
        } catch (IOException e) {
            cutBack(); // the tail is unchanged: a retry writes the same bytes
            throw e;
        }
        tail.put(0, stage, 0, carried);
        tailLength = carried;
        size = writeAt + carried;
    }

    /** Logs once per process that a file system refused O_DIRECT. */
    static final class Fallback {
        private static final Logger LOG = System.getLogger(DirectAppender.class.getName());
        private static final AtomicBoolean LOGGED = new AtomicBoolean();

        private Fallback() {
        }

        static void log(Path file, Exception e) {
            if (LOGGED.compareAndSet(false, true)) {
                LOG.log(Level.INFO, "journal: the file system of " + file.getParent() + " refuses direct I/O ("
                        + e.getMessage() + "); the journal writes through the page cache there, which costs more"
                        + " CPU per record but is just as durable");
            }
        }
    }
}
