package org.socd.collector.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps method and path to an {@link Endpoint}. Paths are exact, or a prefix ending in {@code /}
 * for resources addressed by id ({@code /api/v1/alerts/} + id).
 */
public final class Router {

    private record Route(String method, String path, boolean prefix, Endpoint endpoint) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router get(String path, Endpoint endpoint) {
        routes.add(new Route("GET", path, false, endpoint));
        return this;
    }

    public Router post(String path, Endpoint endpoint) {
        routes.add(new Route("POST", path, false, endpoint));
        return this;
    }

    /** Serves {@code prefix + anything-without-slash}; the endpoint reads the rest from the path. */
    public Router getUnder(String prefix, Endpoint endpoint) {
        routes.add(new Route("GET", prefix, true, endpoint));
        return this;
    }

    ApiResponse route(ApiRequest request) {
        boolean pathKnown = false;
        for (Route r : routes) {
            boolean matches = r.prefix()
                    ? request.path().startsWith(r.path()) && request.path().length() > r.path().length()
                      && request.path().indexOf('/', r.path().length()) < 0
                    : request.path().equals(r.path());
            if (matches) {
                pathKnown = true;
                if (r.method().equals(request.method()) || (request.method().equals("HEAD") && r.method().equals("GET"))) {
                    return r.endpoint().handle(request);
                }
            }
        }
        if (pathKnown) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    request.method() + " is not supported on " + request.path());
        }
        throw new ApiException(HttpResponseStatus.NOT_FOUND, "no such endpoint: " + request.path()
                + " — see docs/api.md for the endpoints of this version");
    }
}
