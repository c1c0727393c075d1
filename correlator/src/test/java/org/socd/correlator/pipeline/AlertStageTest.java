package org.socd.correlator.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socd.correlator.alerts.Alert;
import org.socd.correlator.alerts.AlertSink;
import org.socd.protocol.event.ReceiveMetadata;

class AlertStageTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T23:30:00Z"), ZoneOffset.UTC);

    @Test
    void aFinishedSlotHoldsNoReferencesAndDropsAHugeBuffer() {
        CollectingSink sink = new CollectingSink();
        AlertStage stage = new AlertStage(sink, new SimpleMeterRegistry(), clock);
        RecordSlot slot = new RecordSlot();
        byte[] big = new byte[RecordSlot.RETAINED_BUFFER_LIMIT + 1];
        byte[] text = TestRecords.bytes("message=Failed password");
        System.arraycopy(text, 0, big, 0, text.length);
        ReceiveMetadata meta = TestRecords.meta("syslog-tcp", 1, 1L);
        slot.fill(big, 0, big.length, meta, -1);
        slot.event(TestRecords.decode(text, 0, text.length, meta));
        slot.matches(List.of(TestRecords.SSH_BRUTE));

        stage.onEvent(slot, 0, true);

        assertEquals(1, sink.alerts.size());
        assertEquals(List.of("accept", "endOfBatch"), sink.calls);
        assertNull(slot.event());
        assertNull(slot.matches());
        assertNull(slot.meta());
        assertEquals(0, slot.buffer().length);
    }

    @Test
    void aSmallBufferIsKeptForTheNextRecord() {
        RecordSlot slot = new RecordSlot();
        byte[] record = TestRecords.bytes("message=x");
        slot.fill(record, 0, record.length, TestRecords.meta("syslog-udp", 1, 1L), -1);
        byte[] buffer = slot.buffer();
        slot.clear();
        slot.fill(record, 2, record.length - 2, TestRecords.meta("syslog-udp", 1, 2L), -1);
        assertTrue(buffer == slot.buffer(), "the slot must reuse its buffer");
        assertEquals(record.length - 2, slot.length());
    }

    @Test
    void theBatchIsFlushedEvenWhenItsLastRecordFails() {
        AlertSink failing = new AlertSink() {
            int batches;

            @Override
            public void accept(Alert alert) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public void endOfBatch() {
                batches++;
                throw new AssertionError("flushed " + batches);
            }
        };
        AlertStage stage = new AlertStage(failing, new SimpleMeterRegistry(), clock);
        RecordSlot slot = new RecordSlot();
        byte[] text = TestRecords.bytes("message=Failed password");
        ReceiveMetadata meta = TestRecords.meta("syslog-tcp", 1, 1L);
        slot.fill(text, 0, text.length, meta, -1);
        slot.event(TestRecords.decode(text, 0, text.length, meta));
        slot.matches(List.of(TestRecords.SSH_BRUTE));
        AssertionError flushed = assertThrows(AssertionError.class, () -> stage.onEvent(slot, 0, true));
        assertEquals("flushed 1", flushed.getMessage());
        assertNull(slot.event());
    }
}
