package org.socd.collector.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class HandOffTest {

    private static ByteBuffer bytes(int length, int fill) {
        ByteBuffer b = ByteBuffer.allocate(length + 10);
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) (fill + i));
        }
        return b;
    }

    private static void assertHolds(HandOff h, HandOff.Batch batch, ByteBuffer src, int from) {
        for (int i = 0; i < batch.length(); i++) {
            assertEquals(src.get(from + i), h.buffer().get(batch.offset() + i), "byte " + i);
        }
    }

    @Test
    void batchesComeOutInOrderAndRefusedOnesLeaveNoTrace() {
        HandOff h = new HandOff(100);
        ByteBuffer a = bytes(40, 1);
        ByteBuffer b = bytes(40, 2);
        assertTrue(h.offer(a, 5, 45, 0, 4));
        assertTrue(h.offer(b, 0, 40, 4, 8));
        assertFalse(h.offer(bytes(30, 3), 0, 30, 8, 10), "only 20 bytes free");

        HandOff.Batch first = h.peek();
        assertEquals(0, first.first());
        assertEquals(4, first.end());
        assertHolds(h, first, a, 5);
        assertThrows(IllegalStateException.class, () -> h.release(new HandOff.Batch(4, 8, 40, 40, 80)));
        h.release(first);
        HandOff.Batch second = h.peek();
        assertEquals(4, second.first());
        assertHolds(h, second, b, 0);

        // 40 bytes free at the start, 20 at the end: a 30-byte batch goes to the start, whole.
        ByteBuffer c = bytes(30, 4);
        assertTrue(h.offer(c, 0, 30, 8, 10));
        h.release(second);
        HandOff.Batch third = h.peek();
        assertEquals(0, third.offset(), "a batch never wraps around the end");
        assertHolds(h, third, c, 0);
        h.release(third);
        assertNull(h.peek());
        assertFalse(h.offer(bytes(101, 5), 0, 101, 10, 11), "larger than the whole hand-off");
        assertTrue(h.offer(bytes(100, 6), 0, 100, 10, 11), "all free again");
    }
}
