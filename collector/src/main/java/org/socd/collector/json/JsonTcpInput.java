package org.socd.collector.json;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import org.socd.collector.intake.RecordSink;
import org.socd.collector.net.Transport;
import org.socd.collector.syslog.SyslogTcpInput;
import org.socd.collector.syslog.TcpInputSettings;

/**
 * Structured events over TCP: one JSON object per line, as Windows log shippers (NXLog's
 * {@code to_json()}, Beats-style forwarders, evtx_dump piped through a socket) send them. Each
 * line is either an evtx_dump record {@code {"Event": {"System": ..., "EventData": ...}}} or any
 * other JSON object; the pipeline decodes records of this input as JSON, not syslog.
 *
 * <p>On the wire this is the syslog TCP input under another name, on purpose: the same bounded
 * framer (LF, CRLF or NUL delimited lines; an RFC 6587 octet-counted frame is taken too, so
 * rsyslog or syslog-ng can forward JSON either way; a JSON line never starts with a digit), the
 * same connection caps and idle timeout, the same backpressure (stop reading while the journal
 * or pipeline is full) and the same metrics, labelled {@code input="json-tcp"}. Only the name,
 * and therefore the decoding, differ.
 */
public final class JsonTcpInput implements AutoCloseable {

    /** Input name in events, metrics and the journal. */
    public static final String INPUT = "json-tcp";

    private final SyslogTcpInput stream;

    private JsonTcpInput(SyslogTcpInput stream) {
        this.stream = stream;
    }

    /**
     * Binds and starts accepting; throws with the address when the port cannot be bound.
     *
     * @param settings connection handling; its input name is replaced by {@link #INPUT}
     */
    public static JsonTcpInput start(Transport transport, EventLoopGroup boss, EventLoopGroup workers,
                                     InetSocketAddress address, TcpInputSettings settings,
                                     RecordSink sink, MeterRegistry registry) {
        TcpInputSettings json = new TcpInputSettings(INPUT, settings.maxMessageBytes(), settings.idleTimeout(),
                settings.maxConnections(), settings.maxConnectionsPerIp(), settings.tls());
        try {
            return new JsonTcpInput(SyslogTcpInput.start(transport, boss, workers, address, json, sink, registry));
        } catch (IllegalStateException e) {
            Throwable bind = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot listen for JSON events on tcp " + address + ": " + bind.getMessage()
                    + " — is another program or socd using the port? Choose another with --json-port", e);
        }
    }

    public InetSocketAddress localAddress() {
        return stream.localAddress();
    }

    @Override
    public void close() {
        stream.close();
    }
}
