package org.socd.protocol.decoders;

import java.util.Set;
import org.socd.protocol.event.Event;

/**
 * IBM QRadar's Log Event Extended Format carried in syslog:
 * {@code LEEF:1.0|Vendor|Product|Version|EventID|src=10.0.0.1<TAB>usrName=alice} and LEEF 2.0,
 * which names its attribute delimiter in a sixth header field ({@code ^}, or {@code x09} in hex).
 *
 * <p>The header becomes {@code leef_version}, {@code leef_vendor}, {@code leef_product},
 * {@code leef_product_version} and {@code leef_event_id}; each attribute a field named by its key,
 * without replacing one the event already has. {@code src}, {@code srcPort}, {@code dst},
 * {@code dstPort} and {@code usrName} are also copied to socd's names. A tab that a relay escaped
 * to {@code #011} (rsyslog's default) still separates attributes.
 */
public final class LeefDecoder implements FieldDecoder {

    private static final String[] HEADER = {"leef_version", "leef_vendor", "leef_product", "leef_product_version", "leef_event_id"};

    @Override
    public Set<String> appnames() {
        return Set.of();
    }

    @Override
    public boolean decode(String message, Event event) {
        if (!message.startsWith("LEEF:")) {
            return false;
        }
        String[] header = new String[HEADER.length];
        int p = 5;
        for (int i = 0; i < HEADER.length; i++) {
            int bar = message.indexOf('|', p);
            if (bar < 0) {
                if (i == HEADER.length - 1) {
                    bar = message.length(); // an event id with no attributes after it
                } else {
                    return false;
                }
            }
            header[i] = message.substring(p, bar);
            p = Math.min(message.length(), bar + 1);
        }
        char delimiter = '\t';
        if (header[0].startsWith("2")) {
            int bar = message.indexOf('|', p);
            if (bar >= 0) {
                Character named = delimiter(message.substring(p, bar));
                if (named != null) {
                    delimiter = named;
                    p = bar + 1;
                }
            }
        }
        for (int i = 0; i < HEADER.length; i++) {
            event.put(HEADER[i], header[i].isEmpty() ? null : header[i]);
        }
        String attributes = message;
        if (delimiter == '\t' && message.indexOf('\t', p) < 0 && message.indexOf("#011", p) >= 0) {
            attributes = message.replace("#011", "\t");
        }
        KeyValues.forEach(attributes, p, attributes.length(), delimiter, false, CefDecoder.MAX_EXTENSIONS, (key, value) -> {
            if (!event.has(key)) {
                event.put(key, value);
            }
        });
        ExtensionAliases.apply(event, "src", "srcPort", "dst", "dstPort", "usrName", null);
        return true;
    }

    /** LEEF 2.0's delimiter field: one character, or its code as {@code xHH} / {@code 0xHH}. */
    private static Character delimiter(String field) {
        if (field.length() == 1) {
            return field.charAt(0);
        }
        String hex = field.startsWith("0x") ? field.substring(2) : field.startsWith("x") ? field.substring(1) : null;
        if (hex == null || hex.isEmpty() || hex.length() > 4) {
            return null;
        }
        try {
            return (char) Integer.parseInt(hex, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
