package org.socd.protocol.decoders;

import java.util.Set;
import org.socd.protocol.event.Event;

/**
 * FortiGate (FortiOS) logs: a body of {@code key=value} pairs with no syslog header,
 * {@code date=2026-11-26 time=10:00:00 devname="FG100E" logid="0000000013" type="traffic"
 * srcip=10.1.1.5 srcport=51234 dstip=8.8.8.8 dstport=53 action="accept" user="alice"}. The parser
 * already took the time and host from it; this decoder adds every pair as a field (quotes
 * removed, existing fields kept) and copies {@code srcip}/{@code srcport}/{@code dstip}/
 * {@code dstport} to socd's names. Offered every event, it rejects others by their first bytes.
 */
public final class FortiGateDecoder implements FieldDecoder {

    @Override
    public Set<String> appnames() {
        return Set.of();
    }

    @Override
    public boolean decode(String message, Event event) {
        if (!message.startsWith("date=") || (message.indexOf(" devname=") < 0 && message.indexOf(" logid=") < 0)) {
            return false;
        }
        KeyValues.forEach(message, 0, message.length(), ' ', false, CefDecoder.MAX_EXTENSIONS, (key, value) -> {
            if (!event.has(key)) {
                event.put(key, value);
            }
        });
        ExtensionAliases.apply(event, "srcip", "srcport", "dstip", "dstport", "user", null);
        return true;
    }
}
