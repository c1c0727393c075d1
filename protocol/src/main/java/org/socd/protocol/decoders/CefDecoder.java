package org.socd.protocol.decoders;

import java.util.Set;
import org.socd.protocol.event.Event;

/**
 * ArcSight Common Event Format carried in syslog:
 * {@code CEF:0|Vendor|Product|1.0|100|Name|7|src=10.0.0.1 spt=1232 suser=alice msg=a b\=c}.
 *
 * <p>The seven header fields become {@code cef_version}, {@code cef_device_vendor},
 * {@code cef_device_product}, {@code cef_device_version}, {@code cef_signature_id},
 * {@code cef_name} and {@code cef_severity}; in them {@code \|} and {@code \\} are escapes.
 * Every extension {@code key=value} becomes a field named by its key, without replacing a field
 * the event already has; a value runs to the space before the next key, so it may contain spaces,
 * and {@code \=}, {@code \\}, {@code \n}, {@code \r} are escapes. The common keys are also
 * copied to socd's names: {@code src}/{@code spt}/{@code dst}/{@code dpt} to
 * {@code src_ip}/{@code src_port}/{@code dst_ip}/{@code dst_port}, {@code suser} (else
 * {@code duser}) to {@code user}, {@code duser} to {@code target_user}.
 *
 * <p>Offered every event; it rejects others by their first four bytes. Extension fields are
 * capped at {@value #MAX_EXTENSIONS} so that no line can grow an event without bound.
 */
public final class CefDecoder implements FieldDecoder {

    static final int MAX_EXTENSIONS = 256;
    private static final String[] HEADER = {"cef_version", "cef_device_vendor", "cef_device_product",
        "cef_device_version", "cef_signature_id", "cef_name", "cef_severity"};

    @Override
    public Set<String> appnames() {
        return Set.of();
    }

    @Override
    public boolean decode(String message, Event event) {
        if (!message.startsWith("CEF:")) {
            return false;
        }
        String[] header = new String[HEADER.length];
        int p = 4;
        for (int i = 0; i < HEADER.length; i++) {
            int bar = unescapedBar(message, p);
            if (bar < 0) {
                return false;
            }
            header[i] = unescapeHeader(message, p, bar);
            p = bar + 1;
        }
        for (int i = 0; i < HEADER.length; i++) {
            event.put(HEADER[i], header[i].isEmpty() ? null : header[i]);
        }
        KeyValues.forEach(message, p, message.length(), ' ', true, MAX_EXTENSIONS, (key, value) -> {
            if (!event.has(key)) {
                event.put(key, value);
            }
        });
        ExtensionAliases.apply(event, "src", "spt", "dst", "dpt", "suser", "duser");
        return true;
    }

    private static int unescapedBar(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '|') {
                return i;
            }
        }
        return -1;
    }

    private static String unescapeHeader(String s, int from, int to) {
        if (s.indexOf('\\', from) < 0 || s.indexOf('\\', from) >= to) {
            return s.substring(from, to);
        }
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < to && (s.charAt(i + 1) == '|' || s.charAt(i + 1) == '\\')) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }
}
