package org.socd.collector.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RecordMarksTest {

    @Test
    void marksTheFirstRecordAndThenOneRecordPerSpacingAndFindsTheFloor() {
        RecordMarks marks = new RecordMarks(64 * 1024);
        // Records of 300 bytes at positions 10, 11, ...: offsets 0, 300, 600, ...
        for (int i = 0; i < 100; i++) {
            marks.appended(10 + i, 300 * i);
        }
        int perMark = (RecordMarks.SPACING + 299) / 300; // records from one mark to the next
        assertEquals(0, marks.offset(0));
        assertEquals(10, marks.position(0));
        assertEquals(300 * perMark, marks.offset(1), "the first record at least SPACING bytes after the last mark");
        assertEquals(10 + perMark, marks.position(1));
        assertEquals((99 / perMark) + 1, marks.size());

        assertEquals(0, marks.floor(0));
        assertEquals(0, marks.floor(300 * perMark - 1));
        assertEquals(1, marks.floor(300 * perMark));
        assertEquals(marks.size() - 1, marks.floor(Integer.MAX_VALUE));

        marks.clear();
        assertEquals(0, marks.size());
        assertEquals(-1, marks.floor(1000));
        marks.appended(7, 0);
        assertEquals(1, marks.size());
        assertEquals(7, marks.position(0));
    }

    @Test
    void aBufferFullOfTheSmallestRecordsFitsItsMarks() {
        int bufferBytes = 256 * 1024;
        RecordMarks marks = new RecordMarks(bufferBytes);
        int record = RecordFormat.HEADER_BYTES + 1;
        int n = 0;
        for (int offset = 0; offset + record <= bufferBytes; offset += record) {
            marks.appended(n++, offset); // would throw past the arrays' end
        }
        assertEquals(marks.offset(marks.size() - 1), marks.offset(marks.floor(bufferBytes)));
    }
}
