package org.socd.collector.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.socd.collector.net.Transport;

/** UDP on a real loopback socket: whole 64 KiB datagrams, SO_REUSEPORT sockets where epoll has them. */
class SyslogUdpInputTest {

    private static void roundTrip(Transport transport, int sockets, int expectedSockets) throws Exception {
        EventLoopGroup group = transport.newGroup(2);
        LinkedBlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
        try (SyslogUdpInput in = SyslogUdpInput.start(transport, group, new InetSocketAddress("127.0.0.1", 0), sockets,
                64 * 1024, (data, off, len, meta) -> got.add(Arrays.copyOfRange(data, off, off + len)),
                new SimpleMeterRegistry());
             DatagramSocket client = new DatagramSocket()) {
            assertEquals(expectedSockets, in.socketCount(), transport.name());
            byte[] big = new byte[65_000]; // near the UDP maximum of 65,507 bytes on IPv4
            Arrays.fill(big, (byte) 'a');
            byte[] head = "<13>Nov 26 10:00:00 host app: ".getBytes();
            System.arraycopy(head, 0, big, 0, head.length);
            client.send(new DatagramPacket(big, big.length, in.localAddress()));
            byte[] received = got.poll(20, TimeUnit.SECONDS);
            assertEquals(big.length, received == null ? -1 : received.length, "the whole datagram, uncut");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void bestTransportBindsOneSocketPerThreadWithReusePort() throws Exception {
        Transport best = Transport.best();
        roundTrip(best, 2, best.hasReusePort() ? 2 : 1);
    }

    @Test
    void nioFallsBackToOneSocket() throws Exception {
        roundTrip(Transport.nio(), 2, 1);
    }
}
