package org.socd.collector.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Ordinary positional writes through the page cache: for file systems without O_DIRECT. */
final class PageCacheAppender extends SegmentAppender {

    private PageCacheAppender(FileChannel channel, long size) {
        super(channel, size);
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
    void append(ByteBuffer records) throws IOException {
        long at = size;
        try {
            while (records.hasRemaining()) {
                at += channel.write(records, at);
            }
        } catch (IOException e) {
            cutBack();
            throw e;
        }
        size = at;
    }
}
