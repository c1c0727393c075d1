package org.socd.collector.decoding;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import org.socd.collector.json.JsonTcpInput;
import org.socd.correlator.pipeline.Decoder;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;
import org.socd.protocol.syslog.SyslogDecoding;
import org.socd.rules.events.JsonEventDecoding;

/**
 * The pipeline's decoder: picks the parser by the input a record came from. Records of
 * {@link JsonTcpInput#INPUT} are JSON events ({@link JsonEventDecoding}); everything else (syslog
 * UDP, TCP, TLS, RELP) is syslog ({@link SyslogDecoding}). The input name travels with each record
 * through the journal, so a replay decodes every record the way it was first decoded.
 *
 * <p>Stateless and thread-safe, as {@link Decoder} requires; never throws, never returns null.
 */
public final class InputDecoders implements Decoder {

    private final SyslogDecoding syslog;
    private final JsonEventDecoding json;

    public InputDecoders(SyslogDecoding syslog, JsonEventDecoding json) {
        this.syslog = Objects.requireNonNull(syslog, "syslog");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** socd's decoders: syslog with {@code zone} for year-less timestamps and {@code clock}, and JSON. */
    public static InputDecoders of(ZoneId zoneForYearlessTimestamps, Clock clock) {
        return new InputDecoders(SyslogDecoding.of(zoneForYearlessTimestamps, clock), new JsonEventDecoding());
    }

    @Override
    public Event decode(byte[] data, int offset, int length, ReceiveMetadata meta) {
        if (JsonTcpInput.INPUT.equals(meta.input())) {
            return json.decode(data, offset, length, meta);
        }
        return syslog.decode(data, offset, length, meta);
    }
}
