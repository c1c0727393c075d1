package org.socd.collector.relp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.socd.collector.journal.Journal;
import org.socd.collector.net.Transport;
import org.socd.collector.tls.HandshakeFailures;

/**
 * The RELP input (Reliable Event Logging Protocol, as rsyslog's omrelp speaks it): every
 * {@code syslog} command is answered {@code 200 OK} only after its message is fsynced in the
 * journal, so a sender never discards a message socd could still lose. Retransmissions after a
 * broken connection are recognised ({@link RelpDedup}) and not journaled twice. Plain TCP, or
 * with an {@link SslContext} RELP over TLS as omrelp's {@code tls="on"} speaks it (TLS from the first
 * byte, then the same protocol) on a listener of its own, input {@value #TLS_INPUT}.
 */
public final class RelpInput implements AutoCloseable {

    public static final String INPUT = "relp";
    /** The input name of the RELP-over-TLS listener, in metrics and journal records. */
    public static final String TLS_INPUT = "relp-tls";
    /** RELP's own bound on one message; a larger DATALEN ends the session. */
    public static final int MAX_DATA_BYTES = 128 * 1024;
    /** Open sessions allowed at once; more are closed at once and counted, so memory stays bounded. */
    public static final int MAX_SESSIONS = 1024;
    /** A session that sends nothing for this long is told serverclose and closed (the sender reconnects when it has data). */
    public static final int IDLE_SECONDS = 600;
    /** Journal records scanned at start to recognise retransmissions of messages sent before a restart. */
    private static final long PRIME_RECORDS = 65_536;

    private final Channel channel;
    private final ChannelGroup sessions;

    private RelpInput(Channel channel, ChannelGroup sessions) {
        this.channel = channel;
        this.sessions = sessions;
    }

    /** Binds and starts accepting plain RELP; throws with the address when the port cannot be bound. */
    public static RelpInput start(Transport transport, EventLoopGroup boss, EventLoopGroup workers,
                                  InetSocketAddress address, Journal journal, MeterRegistry registry) {
        return start(transport, boss, workers, address, journal, registry, null);
    }

    /**
     * Binds and starts accepting; with {@code tls} not null every connection is TLS (input
     * {@value #TLS_INPUT}), and failed handshakes are counted in
     * {@code socd_tls_handshake_failures_total{input="relp-tls"}}.
     */
    public static RelpInput start(Transport transport, EventLoopGroup boss, EventLoopGroup workers,
                                  InetSocketAddress address, Journal journal, MeterRegistry registry, SslContext tls) {
        String input = tls == null ? INPUT : TLS_INPUT;
        RelpMetrics metrics = new RelpMetrics(registry, input);
        Counter handshakeFailures = tls == null ? null : HandshakeFailures.counter(registry, input);
        // Per listener: a sender retransmits to the listener it lost, and its records carry this input's name.
        RelpDedup dedup = new RelpDedup();
        try {
            dedup.prime(journal, input, PRIME_RECORDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the journal's recent RELP messages: " + e.getMessage(), e);
        }
        ChannelGroup sessions = new DefaultChannelGroup(input, GlobalEventExecutor.INSTANCE);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (sessions.size() >= MAX_SESSIONS) {
                            metrics.refused.increment();
                            ch.close();
                            return;
                        }
                        sessions.add(ch);
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                            ch.pipeline().addLast("handshake", new HandshakeFailures(handshakeFailures, input));
                        }
                        ch.pipeline().addLast("idle", new io.netty.handler.timeout.IdleStateHandler(IDLE_SECONDS, 0, 0));
                        ch.pipeline().addLast("framer", new RelpFrameDecoder(MAX_DATA_BYTES));
                        ch.pipeline().addLast("session", new RelpSession(journal, dedup, metrics));
                    }
                });
        try {
            return new RelpInput(b.bind(address).syncUninterruptibly().channel(), sessions);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen for RELP on " + (tls == null ? "tcp " : "tls ") + address
                    + ": " + e.getMessage() + " — is rsyslog's imrelp or another socd using the port? Choose another with "
                    + (tls == null ? "--relp-port" : "--relp-tls-port"), e);
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops accepting, tells every session {@code serverclose} and closes it. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        for (Channel ch : sessions) {
            ch.writeAndFlush(ByteBufUtil.writeAscii(ch.alloc(), "0 serverclose 0\n"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
        sessions.close().awaitUninterruptibly(2000);
    }
}
