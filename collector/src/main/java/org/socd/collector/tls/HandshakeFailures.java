package org.socd.collector.tls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts failed TLS handshakes of one connection in {@code socd_tls_handshake_failures_total{input}}
 * (the series the syslog TLS input uses) and logs the peer and the reason, at most once a second
 * so a peer failing on purpose cannot flood the log; goes after the {@code SslHandler}, which
 * closes the connection itself. Removes itself once the handshake is done.
 */
public final class HandshakeFailures extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = System.getLogger(HandshakeFailures.class.getName());
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** One log budget for all connections: the handler itself is per connection. */
    private static final AtomicLong LAST_LOG_NANOS = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    private final Counter failures;
    private final String input;

    public HandshakeFailures(Counter failures, String input) {
        this.failures = failures;
        this.input = input;
    }

    /** The counter for {@code input}, registered once per input and shared by its connections. */
    public static Counter counter(MeterRegistry registry, String input) {
        return Counter.builder("socd.tls.handshake.failures")
                .description("TLS handshakes that failed (bad client certificate, old protocol, not TLS at all)")
                .tag("input", input).register(registry);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                failures.increment();
                long now = System.nanoTime();
                long last = LAST_LOG_NANOS.get();
                if (now - last >= LOG_EVERY_NANOS && LAST_LOG_NANOS.compareAndSet(last, now)) {
                    LOG.log(Level.INFO, "TLS handshake with {0} failed ({1}): {2}",
                            ctx.channel().remoteAddress(), input, String.valueOf(done.cause()));
                }
            }
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(evt);
    }
}
