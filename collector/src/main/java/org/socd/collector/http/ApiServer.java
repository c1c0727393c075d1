package org.socd.collector.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;
import org.socd.collector.net.Transport;

/**
 * The HTTP(S) server of the API and {@code /metrics}. Requests are bounded (1 MiB body, 8 KiB
 * headers, 60 s idle except event streams) and handled on a small executor group of their own.
 */
public final class ApiServer implements AutoCloseable {

    private static final int MAX_BODY = 1024 * 1024;

    private final Channel channel;
    private final EventExecutorGroup handlers;

    private final boolean tls;
    /** Open client connections (keep-alive, event streams), closed before the handlers stop. */
    private final ChannelGroup connections;

    private ApiServer(Channel channel, EventExecutorGroup handlers, ChannelGroup connections, boolean tls) {
        this.channel = channel;
        this.handlers = handlers;
        this.connections = connections;
        this.tls = tls;
    }

    /** {@code https} when the server speaks TLS, else {@code http}. */
    public String scheme() {
        return tls ? "https" : "http";
    }

    public static ApiServer start(Transport transport, EventLoopGroup boss, EventLoopGroup workers,
                                  InetSocketAddress address, Router router) {
        return start(transport, boss, workers, address, router, null, what -> { });
    }

    /**
     * @param tls         null for plain HTTP
     * @param streamDrops told the event type each time a slow stream client misses an event
     */
    public static ApiServer start(Transport transport, EventLoopGroup boss, EventLoopGroup workers,
                                  InetSocketAddress address, Router router, SslContext tls,
                                  java.util.function.Consumer<String> streamDrops) {
        EventExecutorGroup handlers = new DefaultEventExecutorGroup(2);
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new ReadTimeoutHandler(60));
                        ch.pipeline().addLast(new HttpServerCodec(4096, 8192, 8192));
                        ch.pipeline().addLast(new HttpObjectAggregator(MAX_BODY));
                        ch.pipeline().addLast(handlers, "api", new ApiHandler(router, streamDrops));
                    }
                });
        try {
            return new ApiServer(b.bind(address).syncUninterruptibly().channel(), handlers, connections, tls != null);
        } catch (Exception e) {
            handlers.shutdownGracefully();
            throw new IllegalStateException("cannot listen for the HTTP API on " + address + ": " + e.getMessage()
                    + " — is another socd running? Choose another port with --api-port", e);
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(2, java.util.concurrent.TimeUnit.SECONDS);
        handlers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
