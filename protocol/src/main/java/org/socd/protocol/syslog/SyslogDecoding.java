package org.socd.protocol.syslog;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import org.socd.protocol.decoders.DecoderRegistry;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * What the daemon's decode stage and {@code soc logtest} do with one syslog message: parse it
 * ({@link SyslogParser}), then add the fields of the decoders that fit ({@link DecoderRegistry}),
 * so both show the same event for the same bytes.
 *
 * <p>Immutable and thread-safe; never throws and never returns null (see {@link SyslogParser#parse}).
 */
public final class SyslogDecoding {

    private final SyslogParser parser;
    private final DecoderRegistry decoders;

    public SyslogDecoding(SyslogParser parser, DecoderRegistry decoders) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.decoders = Objects.requireNonNull(decoders, "decoders");
    }

    /** socd's parser for {@code zone} and {@code clock} with the default decoders. */
    public static SyslogDecoding of(ZoneId zoneForYearlessTimestamps, Clock clock) {
        return new SyslogDecoding(new SyslogParser(zoneForYearlessTimestamps, clock), DecoderRegistry.defaults());
    }

    /** Parses {@code data[offset, offset + length)} and decodes its fields. */
    public Event decode(byte[] data, int offset, int length, ReceiveMetadata meta) {
        Event event = parser.parse(data, offset, length, meta);
        decoders.decode(event);
        return event;
    }
}
