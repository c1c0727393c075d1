package org.socd.correlator.pipeline;

import com.lmax.disruptor.EventHandler;
import io.micrometer.core.instrument.MeterRegistry;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * Decode shard {@code ordinal} of {@code shards}: parses the records whose sequence falls to
 * it. Disruptor 4 has no WorkerPool, so every shard sees every sequence and skips the ones
 * that are not its own; that costs a modulo per record and keeps the stage lock-free.
 */
final class DecodeStage implements EventHandler<RecordSlot> {

    private final int ordinal;
    private final int shards;
    private final Decoder decoder;
    private final TaggedCounters decoded;
    private final TaggedCounters parseFailures;

    DecodeStage(int ordinal, int shards, Decoder decoder, MeterRegistry registry) {
        this.ordinal = ordinal;
        this.shards = shards;
        this.decoder = decoder;
        this.decoded = new TaggedCounters(registry, "socd.events.decoded",
                "Records decoded into events, by input", "input");
        this.parseFailures = new TaggedCounters(registry, "socd.parse.failures",
                "Events whose record could not be fully parsed (they carry parse_error), by input", "input");
    }

    /** Creates this stage's per-input series at zero; see {@link TaggedCounters#preRegister}. */
    void preRegisterInput(String input) {
        decoded.preRegister(input);
        parseFailures.preRegister(input);
    }

    @Override
    public void onStart() {
        Thread.currentThread().setName("socd-decode-" + ordinal);
    }

    @Override
    public void onEvent(RecordSlot slot, long sequence, boolean endOfBatch) {
        if (sequence % shards != ordinal) {
            return;
        }
        ReceiveMetadata meta = slot.meta();
        if (meta == null) {
            return; // the publisher failed to copy the record in; nothing to decode
        }
        Event event = decoder.decode(slot.buffer(), 0, slot.length(), meta);
        if (event == null) {
            throw new IllegalStateException("decoder " + decoder.getClass().getName()
                    + " returned null for a record from " + meta.input() + "; it must return an event,"
                    + " with parse_error set when the record cannot be parsed");
        }
        slot.event(event);
        decoded.increment(meta.input());
        if (event.has(Event.PARSE_ERROR)) {
            parseFailures.increment(meta.input());
        }
    }
}
