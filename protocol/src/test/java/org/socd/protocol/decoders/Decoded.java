package org.socd.protocol.decoders;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;
import org.socd.protocol.syslog.SyslogDecoding;

/** Runs whole syslog lines through the real parser and the default decoders, as the daemon does. */
final class Decoded {

    static final Instant NOW = Instant.parse("2026-11-26T23:20:00Z");
    private static final SyslogDecoding DECODING = SyslogDecoding.of(ZoneOffset.UTC, Clock.fixed(NOW, ZoneOffset.UTC));
    private static final ReceiveMetadata META = new ReceiveMetadata("syslog-udp", "192.0.2.10", 514,
            NOW.getEpochSecond() * 1_000_000_000L);

    private Decoded() {
    }

    /** {@code <38>Nov 26 10:00:00 host APP[123]: MESSAGE} through parser and decoders. */
    static Event line(String app, String message) {
        return raw("<38>Nov 26 10:00:00 host " + app + "[123]: " + message);
    }

    static Event raw(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return DECODING.decode(b, 0, b.length, META);
    }
}
