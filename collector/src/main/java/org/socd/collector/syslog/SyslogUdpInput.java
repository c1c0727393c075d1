package org.socd.collector.syslog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.epoll.EpollChannelOption;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.socd.collector.intake.RecordSink;
import org.socd.collector.net.PeerAddress;
import org.socd.collector.net.Transport;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * Syslog over UDP: one message per datagram (RFC 5426).
 *
 * <p>UDP has no way to slow a sender down, so when the pipeline is full the datagram is dropped
 * and counted in {@code socd_messages_dropped_total{input="syslog-udp"}} — never silently. A
 * datagram longer than the message limit is cut and counted as truncated. Datagrams up to the
 * UDP maximum of 65535 bytes are received whole.
 */
public final class SyslogUdpInput implements AutoCloseable {

    public static final String INPUT = "syslog-udp";
    /** The largest UDP payload; the receive buffer must hold it whole or the kernel cuts it silently. */
    private static final int MAX_DATAGRAM = 65535;

    private final List<Channel> channels;

    private SyslogUdpInput(List<Channel> channels) {
        this.channels = channels;
    }

    /**
     * Binds {@code sockets} sockets to one port with SO_REUSEPORT when the transport has it (the
     * kernel then spreads datagrams over them, one per I/O thread), else one socket.
     */
    public static SyslogUdpInput start(Transport transport, EventLoopGroup group, InetSocketAddress address,
                                       int sockets, int maxMessageBytes, RecordSink sink, MeterRegistry registry) {
        InputMetrics metrics = new InputMetrics(registry, INPUT, false);
        int count = transport.hasReusePort() ? Math.max(1, sockets) : 1;
        List<Channel> bound = new ArrayList<>(count);
        InetSocketAddress target = address;
        try {
            for (int i = 0; i < count; i++) {
                Bootstrap b = new Bootstrap()
                        .group(group)
                        .channel(transport.datagramChannel())
                        .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                        // each socket its own publisher: its scratch buffer belongs to one event loop
                        .handler(new DatagramPublisher(sink, metrics, registry, maxMessageBytes));
                if (count > 1) {
                    b.option(EpollChannelOption.SO_REUSEPORT, true);
                }
                Channel ch = b.bind(target).syncUninterruptibly().channel();
                bound.add(ch);
                target = (InetSocketAddress) ch.localAddress(); // port 0: the rest join the port the first got
            }
        } catch (Exception e) {
            bound.forEach(c -> c.close().syncUninterruptibly());
            throw new IllegalStateException("cannot listen for syslog on udp " + address + ": " + e.getMessage()
                    + " — is another syslog daemon or socd using the port? Choose another with --syslog-port", e);
        }
        return new SyslogUdpInput(List.copyOf(bound));
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channels.get(0).localAddress();
    }

    /** Sockets bound to the port: more than one only with SO_REUSEPORT. */
    public int socketCount() {
        return channels.size();
    }

    @Override
    public void close() {
        channels.forEach(c -> c.close().syncUninterruptibly());
    }

    private static final class DatagramPublisher extends SimpleChannelInboundHandler<DatagramPacket> {
        private final RecordSink sink;
        private final InputMetrics metrics;
        /** UDP only: TCP pauses the sender instead of dropping. Keyed by the sink's refusal reason. */
        private final Map<String, Counter> dropped = new HashMap<>();
        private final MeterRegistry registry;
        private final int maxMessageBytes;
        private final byte[] scratch = new byte[MAX_DATAGRAM];

        DatagramPublisher(RecordSink sink, InputMetrics metrics, MeterRegistry registry, int maxMessageBytes) {
            this.sink = sink;
            this.metrics = metrics;
            this.registry = registry;
            this.maxMessageBytes = maxMessageBytes;
            droppedCounter(sink.refusalReason()); // the usual reason's series exists at zero from the start
        }

        /** One event loop per handler, so a plain map is enough. */
        private Counter droppedCounter(String reason) {
            return dropped.computeIfAbsent(reason, r -> Counter.builder("socd.messages.dropped")
                    .description("Datagrams dropped because the pipeline or the journal could not take them")
                    .tag("input", INPUT).tag("reason", r).register(registry));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            int length = content.readableBytes();
            metrics.received.increment();
            metrics.bytes.increment(length);
            if (length > maxMessageBytes) {
                length = maxMessageBytes;
                metrics.truncated.increment();
            }
            content.getBytes(content.readerIndex(), scratch, 0, length);
            InetSocketAddress sender = packet.sender();
            String ip = PeerAddress.ip(sender);
            ReceiveMetadata meta = new ReceiveMetadata(INPUT, ip, sender.getPort(), Clocks.nowNanos());
            if (!sink.offer(scratch, 0, length, meta)) {
                droppedCounter(sink.refusalReason()).increment();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A UDP socket serves every sender: one bad datagram must not close it.
        }
    }
}
