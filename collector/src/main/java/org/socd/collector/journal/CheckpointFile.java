package org.socd.collector.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The position up to which every record is fully processed, kept in one 12-byte file
 * ({@code long position, int crc32c}) overwritten in place: no new blocks are needed, so the
 * checkpoint can still advance on a full disk. A checkpoint that fails its CRC reads as 0:
 * everything is replayed, which costs time but, with replay-stable alert ids, no correctness.
 */
final class CheckpointFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocate(12);

    CheckpointFile(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    /** The stored checkpoint, 0 when there is none or it is unreadable. */
    long read() throws IOException {
        buf.clear();
        int n = 0;
        while (buf.hasRemaining()) {
            int r = channel.read(buf, n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        if (n < 12) {
            return 0;
        }
        long position = buf.getLong(0);
        return crc(position) == buf.getInt(8) && position >= 0 ? position : 0;
    }

    void write(long position) throws IOException {
        buf.clear();
        buf.putLong(position).putInt(crc(position)).flip();
        int at = 0;
        while (buf.hasRemaining()) {
            at += channel.write(buf, at);
        }
        channel.force(false);
    }

    private static int crc(long position) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(0, position));
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
