package org.socd.collector.syslog;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * First handler of every syslog connection: closes it at once, before a byte is read, when
 * {@link ConnectionCaps} says no, and counts the refusal by reason. A refused connection never
 * reaches the handlers behind this one, so they see only admitted connections.
 */
final class ConnectionGate extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(ConnectionGate.class.getName());

    private final ConnectionCaps caps;
    private final InputMetrics metrics;
    private final String input;
    private InetAddress admitted;

    ConnectionGate(ConnectionCaps caps, InputMetrics metrics, String input) {
        this.caps = caps;
        this.metrics = metrics;
        this.input = input;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress ip = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        if (ip == null) {
            ctx.fireChannelActive();
            return;
        }
        switch (caps.tryAcquire(ip)) {
            case ADMITTED -> {
                admitted = ip;
                ctx.fireChannelActive();
            }
            case GLOBAL_LIMIT -> refuse(ctx, ip, metrics.refusedGlobal, "max_connections");
            case PER_IP_LIMIT -> refuse(ctx, ip, metrics.refusedPerIp, "max_connections_per_ip");
        }
    }

    private void refuse(ChannelHandlerContext ctx, InetAddress ip, io.micrometer.core.instrument.Counter counter,
                        String limit) {
        // Counted on every refusal but logged only now and then: a flood must not become a log flood.
        counter.increment();
        if (((long) counter.count() & 1023) == 1) {
            LOG.log(System.Logger.Level.WARNING, "refusing syslog connections ({0}) from {1}: syslog.{2} reached"
                    + " — raise it in the config if this sender is legitimate", input, ip.getHostAddress(), limit);
        }
        ctx.channel().config().setAutoRead(false);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (admitted != null) {
            caps.release(admitted);
            admitted = null;
            ctx.fireChannelInactive();
        }
    }
}
