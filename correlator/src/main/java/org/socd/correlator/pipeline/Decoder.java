package org.socd.correlator.pipeline;

import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * Turns one raw record into an {@link Event}. Runs on a decode shard thread; one decoder
 * instance is shared by all shards, so it must be thread-safe (stateless, typically).
 *
 * <p>Must not throw and must not return null: a record that cannot be parsed becomes an
 * event with a {@code parse_error} field, so analysts still see it and the
 * {@code socd.parse.failures} counter counts it. The bytes are only valid during the call;
 * copy what the event keeps.
 */
@FunctionalInterface
public interface Decoder {
    Event decode(byte[] data, int offset, int length, ReceiveMetadata meta);
}
