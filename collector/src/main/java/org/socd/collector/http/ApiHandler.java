package org.socd.collector.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns a Netty request into an {@link ApiRequest}, asks the {@link Router}, writes the answer.
 * Runs on its own executor group (see {@link ApiServer}) so that a slow search never holds up
 * the I/O threads.
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());
    /** A comment line this often keeps proxies and idle-timeouts from closing a quiet stream. */
    private static final long HEARTBEAT_SECONDS = 15;

    private final Router router;
    private final Consumer<String> streamDrops;

    ApiHandler(Router router, Consumer<String> streamDrops) {
        this.router = router;
        this.streamDrops = streamDrops;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        ApiResponse response;
        if (!request.decoderResult().isSuccess()) {
            response = ApiResponse.error(HttpResponseStatus.BAD_REQUEST,
                    "malformed HTTP request: " + request.decoderResult().cause().getMessage());
        } else {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            ApiRequest apiRequest = new ApiRequest(request.method().name(), uri.path(), uri.parameters(),
                    request.headers().get(HttpHeaderNames.AUTHORIZATION), ByteBufUtil.getBytes(request.content()),
                    null, Map.of());
            try {
                response = router.route(apiRequest);
            } catch (ApiException e) {
                response = ApiResponse.error(e.status(), e.getMessage()).withHeaders(e.headers());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "request " + request.method() + " " + request.uri() + " failed", e);
                response = ApiResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        "internal error: " + e + " — see the daemon's log");
            }
        }
        if (response.events() != null) {
            stream(ctx, request, response);
            return;
        }
        if (response.later() != null) {
            // The request is released when this method returns; keep only what the answer needs.
            HttpVersion version = request.protocolVersion();
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            String what = request.method() + " " + request.uri();
            response.later().whenComplete((done, failure) -> ctx.executor().execute(() -> {
                ApiResponse r = done;
                if (failure != null) {
                    LOG.log(Level.ERROR, "request " + what + " failed", failure);
                    r = ApiResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                            "internal error: " + failure + " — see the daemon's log");
                }
                write(ctx, version, keepAlive, r);
            }));
            return;
        }
        write(ctx, request.protocolVersion(), HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess(), response);
    }

    private static void write(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, ApiResponse response) {
        FullHttpResponse out = new DefaultFullHttpResponse(version, response.status(),
                Unpooled.wrappedBuffer(response.body()));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        response.headers().forEach((k, v) -> out.headers().set(k, v));
        HttpUtil.setKeepAlive(out, keepAlive);
        var future = ctx.writeAndFlush(out);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Keeps the connection open and writes each event as it comes. A client that does not read
     * fast enough loses events (counted) rather than making the daemon buffer without bound.
     */
    private void stream(ChannelHandlerContext ctx, FullHttpRequest request, ApiResponse response) {
        // Stream clients send nothing after the request; the read timeout would cut them off.
        if (ctx.pipeline().get(ReadTimeoutHandler.class) != null) {
            ctx.pipeline().remove(ReadTimeoutHandler.class);
        }
        HttpResponse head = new DefaultHttpResponse(request.protocolVersion(), HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        ctx.writeAndFlush(head);
        ctx.writeAndFlush(chunk(": stream open\n\n"));
        Runnable unsubscribe = response.events().subscribe(event -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            if (!ctx.channel().isWritable()) {
                streamDrops.accept(event.event());
                return;
            }
            ctx.writeAndFlush(chunk(event.wire()));
        });
        ScheduledFuture<?> heartbeat = ctx.executor().scheduleAtFixedRate(() -> {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(chunk(": ping\n\n"));
            }
        }, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        ctx.channel().closeFuture().addListener(f -> {
            heartbeat.cancel(false);
            unsubscribe.run();
        });
    }

    private static DefaultHttpContent chunk(String text) {
        return new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
