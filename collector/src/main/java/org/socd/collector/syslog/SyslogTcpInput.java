package org.socd.collector.syslog;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import org.socd.collector.intake.RecordSink;
import org.socd.collector.net.Transport;

/**
 * Syslog over TCP with newline framing (RFC 6587 non-transparent framing).
 *
 * <p>Each connection gets a bounded {@link LineFrameDecoder} and a {@link TcpRecordPublisher}
 * that pauses reading when the pipeline is full. A connection that sends garbage or resets is
 * only ever its own problem: errors close that channel and are counted, never propagated.
 */
public final class SyslogTcpInput implements AutoCloseable {

    public static final String INPUT = "syslog-tcp";

    private final Channel channel;

    private SyslogTcpInput(Channel channel) {
        this.channel = channel;
    }

    /** Binds and starts accepting; throws with the address when the port cannot be bound. */
    public static SyslogTcpInput start(Transport transport, EventLoopGroup boss, EventLoopGroup workers,
                                       InetSocketAddress address, int maxMessageBytes,
                                       RecordSink sink, MeterRegistry registry) {
        InputMetrics metrics = new InputMetrics(registry, INPUT);
        var errors = io.micrometer.core.instrument.Counter.builder("socd.connections.errors")
                .description("Connections closed because of a transport error (reset, garbage TLS, ...)")
                .tag("input", INPUT).register(registry);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("framer", new LineFrameDecoder(maxMessageBytes));
                        ch.pipeline().addLast("publisher", new TcpRecordPublisher(sink, metrics, INPUT));
                        ch.pipeline().addLast("errors", new ChannelInboundHandlerAdapter() {
                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                errors.increment();
                                ctx.close();
                            }
                        });
                    }
                });
        try {
            Channel ch = b.bind(address).syncUninterruptibly().channel();
            return new SyslogTcpInput(ch);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen for syslog on tcp " + address + ": " + e.getMessage()
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
}
