package org.socd.protocol.decoders;

import org.socd.protocol.event.Event;

/** Copies a vendor format's address, port and user keys to socd's names (CEF and LEEF share this). */
final class ExtensionAliases {

    private ExtensionAliases() {
    }

    static void apply(Event event, String src, String srcPort, String dst, String dstPort, String srcUser, String dstUser) {
        copyAddress(event, src, Fields.SRC_IP);
        copyAddress(event, dst, Fields.DST_IP);
        copyPort(event, srcPort, Fields.SRC_PORT);
        copyPort(event, dstPort, Fields.DST_PORT);
        String user = event.getString(srcUser);
        String target = dstUser == null ? null : event.getString(dstUser);
        if (!event.has(Fields.USER)) {
            event.put(Fields.USER, user != null ? user : target);
        }
        if (user != null && target != null && !event.has(Fields.TARGET_USER)) {
            event.put(Fields.TARGET_USER, target);
        }
    }

    private static void copyAddress(Event event, String from, String to) {
        String v = event.getString(from);
        if (MessageScanner.isIpLiteral(v) && !event.has(to)) {
            event.put(to, v);
        }
    }

    private static void copyPort(Event event, String from, String to) {
        Integer port = MessageScanner.integer(event.getString(from));
        if (port != null && port <= 65535 && !event.has(to)) {
            event.put(to, port);
        }
    }
}
