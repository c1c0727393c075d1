package org.socd.correlator.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.socd.protocol.event.Event;
import org.socd.protocol.event.ReceiveMetadata;
import org.socd.rules.Level;
import org.socd.rules.RuleMatch;

/**
 * A small real decoder and detector for pipeline tests: records are {@code key=value;...}
 * lines, and two rules look at the fields the way the Sigma engine will.
 */
final class TestRecords {

    static final RuleMatch SSH_BRUTE = new RuleMatch("ssh-brute", "SSH failed password", Level.HIGH,
            List.of("attack.t1110"));
    static final RuleMatch SUDO_ROOT = new RuleMatch("sudo-root", "Sudo to root", Level.MEDIUM,
            List.of("attack.t1548"));

    private TestRecords() {
    }

    static byte[] bytes(String record) {
        return record.getBytes(StandardCharsets.UTF_8);
    }

    static ReceiveMetadata meta(String input, int port, long nanos) {
        return new ReceiveMetadata(input, "10.1.1.1", port, nanos);
    }

    /** Parses {@code k=v;k=v}; a part without '=' makes a parse_error, as the syslog parser does. */
    static Event decode(byte[] data, int offset, int length, ReceiveMetadata meta) {
        String text = new String(data, offset, length, StandardCharsets.UTF_8);
        Event event = new Event().put(Event.RAW, text).put(Event.INPUT, meta.input());
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                event.put(Event.PARSE_ERROR, "no '=' in '" + part + "'");
            } else {
                event.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return event;
    }

    static List<RuleMatch> detect(Event event) {
        List<RuleMatch> matches = new ArrayList<>(2);
        String message = event.getString(Event.MESSAGE);
        if (message != null && message.contains("Failed password")) {
            matches.add(SSH_BRUTE);
        }
        if ("sudo".equals(event.getString(Event.APPNAME)) && message != null && message.contains("USER=root")) {
            matches.add(SUDO_ROOT);
        }
        return matches;
    }
}
