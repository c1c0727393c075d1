package org.socd.collector.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Ordinary positional writes through the page cache: for file systems without O_DIRECT. */
final class PageCacheAppender implements SegmentAppender {

    private final FileChannel channel;
    private long size;

    private PageCacheAppender(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    static PageCacheAppender open(Path file, long size, boolean create) throws IOException {
        if (create) {
            return new PageCacheAppender(FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 0);
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
        try {
            ch.truncate(size); // a direct writer's block padding, if it wrote here before
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new PageCacheAppender(ch, size);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void append(ByteBuffer records) throws IOException {
        long at = size;
        try {
            while (records.hasRemaining()) {
                at += channel.write(records, at);
            }
        } catch (IOException e) {
            cutBack(channel, size);
            throw e;
        }
        size = at;
    }

    @Override
    public void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            channel.truncate(size);
            channel.force(true);
        }
    }

    /** After a failed write: no half record stays behind, or the next open's scan cuts it. */
    static void cutBack(FileChannel channel, long size) {
        try {
            channel.truncate(size);
        } catch (IOException ignored) {
            // the next open's scan truncates it instead
        }
    }
}
