package org.socd.correlator.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;

/** The decode step of a {@link ShardStage}: parses a record into its slot's event. */
final class DecodeStage {

    private final Decoder decoder;
    private final TaggedCounters decoded;
    private final TaggedCounters parseFailures;

    DecodeStage(Decoder decoder, MeterRegistry registry) {
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

    void decode(RecordSlot slot) {
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
