package org.socd.protocol.decoders;

import java.util.Set;
import org.socd.protocol.event.Event;

/**
 * Extracts the fields detection needs ({@code user}, {@code src_ip}, ...) from the message of one
 * kind of log line and adds them to the event. Field names are the ones of {@link Fields}.
 *
 * <p>The {@link DecoderRegistry} picks decoders by the event's {@code appname} with one map
 * lookup, so a decoder only sees lines of the programs it names in {@link #appnames()}. A decoder
 * with no appnames is offered every event and must reject foreign lines cheaply (a prefix test),
 * as the CEF, LEEF and PAM decoders do: their lines come from any program.
 *
 * <p>Implementations are stateless and thread-safe (all decode threads share one), never throw on
 * any message, and only add fields derived from the message, so the output stays bounded by it.
 */
public interface FieldDecoder {

    /** Lower-case program names whose lines this decoder reads; empty to be offered every event. */
    Set<String> appnames();

    /**
     * Adds the fields found in {@code message} to {@code event}.
     *
     * @return true if the line was recognized (later decoders are then not asked), false if this
     *         decoder does not know the line, in which case it added nothing
     */
    boolean decode(String message, Event event);
}
