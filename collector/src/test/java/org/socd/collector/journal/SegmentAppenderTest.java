package org.socd.collector.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentAppenderTest {

    @TempDir
    Path dir;

    private final Random random = new Random(42);
    private final ByteArrayOutputStream expected = new ByteArrayOutputStream();

    /** Sizes that end inside blocks, on block edges, and span several staged writes. */
    private static final int[] SIZES = {1, 4095, 1, 4096, 300, 8191, 3 * (1 << 20) + 17, 0, 12, 65536, 5};

    @Test
    void directAppendsReadBackAsWrittenAcrossReopensAndCloseCutsThePadding() throws IOException {
        Path file = dir.resolve("seg.log");
        SegmentAppender a = openDirect(file, 0, true);
        assertInstanceOf(DirectAppender.class, a);
        appendAll(a, Arrays.copyOfRange(SIZES, 0, 6));
        assertEquals(expected.size(), a.size());
        assertEquals(0, Files.size(file) % 4096, "until closed the file ends in whole blocks");
        assertArrayEquals(expected.toByteArray(), prefix(file, expected.size()));
        assertTrue(isZero(Files.readAllBytes(file), expected.size()), "the rest of the last block is zeros");

        // A crash: the padding stays; reopening at the records' size carries on from there.
        a = openDirect(file, a.size(), false);
        appendAll(a, Arrays.copyOfRange(SIZES, 6, SIZES.length));
        a.close();
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file), "closed: exactly the records");
    }

    @Test
    void pageCacheAppendsReadBackAsWritten() throws IOException {
        Path file = dir.resolve("seg.log");
        SegmentAppender a = SegmentAppender.open(file, 0, true, false);
        assertInstanceOf(PageCacheAppender.class, a);
        appendAll(a, Arrays.copyOfRange(SIZES, 0, 6));
        a.close();
        a = SegmentAppender.open(file, expected.size(), false, false);
        appendAll(a, Arrays.copyOfRange(SIZES, 6, SIZES.length));
        a.close();
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    private SegmentAppender openDirect(Path file, long size, boolean create) {
        try {
            return DirectAppender.open(file, size, create);
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("the file system of " + dir + " refuses O_DIRECT: " + e);
            throw new AssertionError(e);
        }
    }

    private void appendAll(SegmentAppender a, int[] sizes) throws IOException {
        for (int n : sizes) {
            byte[] b = new byte[n + 7];
            random.nextBytes(b);
            ByteBuffer src = ByteBuffer.allocateDirect(b.length).put(b).flip();
            src.position(3).limit(3 + n); // not from the buffer's start: like a run inside a batch
            long before = a.size();
            a.append(src);
            assertEquals(before + n, a.size());
            assertEquals(0, src.remaining());
            expected.write(b, 3, n);
        }
        a.force();
    }

    private static byte[] prefix(Path file, int n) throws IOException {
        return Arrays.copyOf(Files.readAllBytes(file), n);
    }

    private static boolean isZero(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
