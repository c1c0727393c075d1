package org.socd.collector.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.lang.System.Logger.Level;

/**
 * Turns a Netty request into an {@link ApiRequest}, asks the {@link Router}, writes the answer.
 * Runs on its own executor group (see {@link ApiServer}) so that a slow search never holds up
 * the I/O threads.
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());

    private final Router router;

    ApiHandler(Router router) {
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        ApiResponse response;
        if (!request.decoderResult().isSuccess()) {
            response = ApiResponse.error(HttpResponseStatus.BAD_REQUEST,
                    "malformed HTTP request: " + request.decoderResult().cause().getMessage());
        } else {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            ApiRequest apiRequest = new ApiRequest(request.method().name(), uri.path(), uri.parameters());
            try {
                response = router.route(apiRequest);
            } catch (ApiException e) {
                response = ApiResponse.error(e.status(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "request " + request.method() + " " + request.uri() + " failed", e);
                response = ApiResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        "internal error: " + e + " — see the daemon's log");
            }
        }
        FullHttpResponse out = new DefaultFullHttpResponse(request.protocolVersion(), response.status(),
                Unpooled.wrappedBuffer(response.body()));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        HttpUtil.setKeepAlive(out, keepAlive);
        var future = ctx.writeAndFlush(out);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
