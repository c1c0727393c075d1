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
import java.net.InetSocketAddress;
import org.socd.collector.intake.RecordSink;
import org.socd.collector.net.Transport;
import org.socd.protocol.event.ReceiveMetadata;

/**
 * Syslog over UDP: one message per datagram (RFC 5426).
 *
 * <p>UDP has no way to slow a sender down, so when the pipeline is full the datagram is dropped
 * and counted in {@code socd_messages_dropped_total{input="syslog-udp"}} — never silently. A
 * datagram longer than the message limit is cut and counted as truncated.
 */
public final class SyslogUdpInput implements AutoCloseable {

    public static final String INPUT = "syslog-udp";
    /** The largest UDP payload; the receive buffer must hold it whole or the kernel cuts it silently. */
    private static final int MAX_DATAGRAM = 65535;

    private final Channel channel;

    private SyslogUdpInput(Channel channel) {
        this.channel = channel;
    }

    public static SyslogUdpInput start(Transport transport, EventLoopGroup group, InetSocketAddress address,
                                       int maxMessageBytes, RecordSink sink, MeterRegistry registry) {
        InputMetrics metrics = new InputMetrics(registry, INPUT);
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(transport.datagramChannel())
                .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(new DatagramPublisher(sink, metrics, registry, maxMessageBytes));
        try {
            return new SyslogUdpInput(b.bind(address).syncUninterruptibly().channel());
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen for syslog on udp " + address + ": " + e.getMessage()
                    + " — is another syslog daemon or socd using the port? Choose another with --syslog-port", e);
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private static final class DatagramPublisher extends SimpleChannelInboundHandler<DatagramPacket> {
        private final RecordSink sink;
        private final InputMetrics metrics;
        /** UDP only: TCP pauses the sender instead of dropping. */
        private final Counter droppedPipelineFull;
        private final int maxMessageBytes;
        private final byte[] scratch = new byte[MAX_DATAGRAM];

        DatagramPublisher(RecordSink sink, InputMetrics metrics, MeterRegistry registry, int maxMessageBytes) {
            this.sink = sink;
            this.metrics = metrics;
            this.droppedPipelineFull = Counter.builder("socd.messages.dropped")
                    .description("Datagrams dropped because the pipeline was full")
                    .tag("input", INPUT).tag("reason", "pipeline_full").register(registry);
            this.maxMessageBytes = maxMessageBytes;
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
            String ip = sender.getAddress() == null ? sender.getHostString() : sender.getAddress().getHostAddress();
            ReceiveMetadata meta = new ReceiveMetadata(INPUT, ip, sender.getPort(), Clocks.nowNanos());
            if (!sink.offer(scratch, 0, length, meta)) {
                droppedPipelineFull.increment();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A UDP socket serves every sender: one bad datagram must not close it.
        }
    }
}
