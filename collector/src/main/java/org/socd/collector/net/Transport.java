package org.socd.collector.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.function.Supplier;

/**
 * The Netty transport the daemon runs on: native epoll on Linux when its library loads (fewer
 * copies, SO_REUSEPORT), else the portable NIO transport.
 */
public record Transport(String name, Supplier<IoHandlerFactory> ioHandlerFactory,
                        Class<? extends ServerSocketChannel> serverChannel,
                        Class<? extends DatagramChannel> datagramChannel) {

    public static Transport best() {
        if (Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler::newFactory, EpollServerSocketChannel.class,
                    EpollDatagramChannel.class);
        }
        return nio();
    }

    public static Transport nio() {
        return new Transport("nio", NioIoHandler::newFactory, NioServerSocketChannel.class, NioDatagramChannel.class);
    }

    /** True when several sockets can share one port (SO_REUSEPORT): the epoll transport. */
    public boolean hasReusePort() {
        return "epoll".equals(name);
    }

    public EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory.get());
    }
}
