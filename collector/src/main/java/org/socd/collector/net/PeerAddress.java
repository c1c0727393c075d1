package org.socd.collector.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The sender's address as events and journal records carry it: the numeric IP, never a
 * resolved name (a reverse lookup on every connection would stall an event loop), or the host
 * string of an unresolved address.
 */
public final class PeerAddress {
    private PeerAddress() {
    }

    /** The IP text of {@code address}, or null when it is not an IP socket address. */
    public static String ip(SocketAddress address) {
        if (!(address instanceof InetSocketAddress peer)) {
            return null;
        }
        return peer.getAddress() == null ? peer.getHostString() : peer.getAddress().getHostAddress();
    }

    /** The port of {@code address}, or 0 when it is not an IP socket address. */
    public static int port(SocketAddress address) {
        return address instanceof InetSocketAddress peer ? peer.getPort() : 0;
    }
}
