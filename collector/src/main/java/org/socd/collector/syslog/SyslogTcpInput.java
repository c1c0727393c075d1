package org.socd.collector.syslog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import org.socd.collector.intake.RecordSink;
import org.socd.collector.net.Transport;

/**
 * Syslog over a byte stream: plain TCP (RFC 6587) or TLS (RFC 5425), which differ only in the
 * TLS handler at the front of each connection's pipeline.
 *
 * <p>Each connection gets, in order: a {@link ConnectionGate} (connection caps), the TLS
 * handler if any, a bounded {@link SyslogFrameDecoder} choosing octet counting or delimiters
 * per frame, an {@link IdleCloser}, and a {@link TcpRecordPublisher} that pauses reading when
 * the pipeline is full. So TLS takes exactly the same backpressure path as TCP. A connection
 * that sends garbage or resets is only ever its own problem: errors close that channel and are
 * counted, never propagated.
 */
public final class SyslogTcpInput implements AutoCloseable {

    /** Input name of plain TCP syslog. */
    public static final String INPUT = "syslog-tcp";
    /** Input name of syslog over TLS. */
    public static final String TLS_INPUT = "syslog-tls";

    private static final System.Logger LOG = System.getLogger(SyslogTcpInput.class.getName());

    private final Channel channel;

    private SyslogTcpInput(Channel channel) {
        this.channel = channel;
    }

    /** Binds and starts accepting; throws with the address when the port cannot be bound. */
    public static SyslogTcpInput start(Transport transport, EventLoopGroup boss, EventLoopGroup workers,
                                       InetSocketAddress address, TcpInputSettings settings,
                                       RecordSink sink, MeterRegistry registry) {
        String input = settings.input();
        InputMetrics metrics = new InputMetrics(registry, input, true);
        ConnectionCaps caps = new ConnectionCaps(settings.maxConnections(), settings.maxConnectionsPerIp());
        Counter errors = Counter.builder("socd.connections.errors")
                .description("Connections closed because of a transport error (reset, garbage TLS, ...)")
                .tag("input", input).register(registry);
        long idleNanos = settings.idleTimeout().toNanos();
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast("gate", new ConnectionGate(caps, metrics, input));
                        if (settings.tls() != null) {
                            p.addLast("tls", settings.tls().newHandler(ch.alloc()));
                            p.addLast("handshake", new HandshakeWatcher(metrics, input));
                        }
                        p.addLast("framer", new SyslogFrameDecoder(settings.maxMessageBytes()));
                        p.addLast("idle", new IdleCloser(idleNanos, metrics));
                        p.addLast("publisher", new TcpRecordPublisher(sink, metrics, input));
                        p.addLast("errors", new ChannelInboundHandlerAdapter() {
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
            String flag = settings.tls() != null ? "--syslog-tls-port" : "--syslog-port";
            throw new IllegalStateException("cannot listen for syslog on " + (settings.tls() != null ? "tls " : "tcp ")
                    + address + ": " + e.getMessage()
                    + " — is another syslog daemon or socd using the port? Choose another with " + flag, e);
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    /** Counts and logs failed TLS handshakes; the TLS handler closes the connection itself. */
    private static final class HandshakeWatcher extends ChannelInboundHandlerAdapter {
        private final InputMetrics metrics;
        private final String input;

        HandshakeWatcher(InputMetrics metrics, String input) {
            this.metrics = metrics;
            this.input = input;
        }

        /** False for connections the gate refused: their aborted handshake is not a TLS failure. */
        private boolean admitted;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            admitted = true;
            ctx.fireChannelActive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent done) {
                if (!done.isSuccess() && admitted) {
                    metrics.tlsHandshakeFailures.increment();
                    LOG.log(System.Logger.Level.INFO, "TLS handshake with {0} failed ({1}): {2}",
                            ctx.channel().remoteAddress(), input, String.valueOf(done.cause()));
                }
                ctx.pipeline().remove(this);
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
