package org.socd.collector.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.socd.collector.auth.Authenticator;
import org.socd.collector.auth.Principal;
import org.socd.collector.auth.Role;

/**
 * Maps method and path to an {@link Endpoint}, and lets through only requests whose bearer
 * token has the role the route needs.
 *
 * <p>Paths are literal ({@code /api/v1/status}), templates with {@code {name}} segments
 * ({@code /api/v1/alerts/{id}/ack}, read with {@link ApiRequest#pathParam}), or a prefix ending
 * in {@code /} for one more segment ({@link #getUnder}). Literal routes win over templates, so
 * {@code /api/v1/alerts/stats} is not taken for an alert id.
 *
 * <p>Every route names the {@link Role} it needs, or null for an open route ({@code /health}).
 * Without a valid token the answer is 401 with {@code WWW-Authenticate: Bearer}; with a token of
 * a lesser role it is 403. A new admin endpoint is one line:
 * {@code router.post("/api/v1/rules/reload", Role.ADMIN, endpoint)}.
 */
public final class Router {

    private record Route(String method, String path, boolean prefix, Role role, Endpoint endpoint) {
        boolean literal() {
            return !prefix && !path.contains("{");
        }
    }

    static final String REALM = "Bearer realm=\"socd\"";

    private final List<Route> routes = new ArrayList<>();
    private final Authenticator authenticator;

    /** A router whose role-protected routes check tokens with {@code authenticator}. */
    public Router(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** A router with open routes only: any route that needs a role refuses every request. */
    public Router() {
        this(token -> Optional.empty());
    }

    /** An open GET route (no token needed). */
    public Router get(String path, Endpoint endpoint) {
        return add("GET", path, false, null, endpoint);
    }

    public Router get(String path, Role role, Endpoint endpoint) {
        return add("GET", path, false, role, endpoint);
    }

    public Router post(String path, Role role, Endpoint endpoint) {
        return add("POST", path, false, role, endpoint);
    }

    public Router delete(String path, Role role, Endpoint endpoint) {
        return add("DELETE", path, false, role, endpoint);
    }

    /** Serves {@code prefix + anything-without-slash} openly; the endpoint reads the rest from the path. */
    public Router getUnder(String prefix, Endpoint endpoint) {
        return add("GET", prefix, true, null, endpoint);
    }

    private Router add(String method, String path, boolean prefix, Role role, Endpoint endpoint) {
        routes.add(new Route(method, path, prefix, role, endpoint));
        return this;
    }

    ApiResponse route(ApiRequest request) {
        boolean pathKnown = false;
        for (boolean literalPass : new boolean[] {true, false}) {
            for (Route r : routes) {
                if (r.literal() != literalPass) {
                    continue;
                }
                Map<String, String> params = match(r, request.path());
                if (params == null) {
                    continue;
                }
                pathKnown = true;
                if (r.method().equals(request.method()) || (request.method().equals("HEAD") && r.method().equals("GET"))) {
                    Principal who = r.role() == null ? null : authorize(r, request);
                    return r.endpoint().handle(request.with(who, params));
                }
            }
            if (pathKnown) {
                break;
            }
        }
        if (pathKnown) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    request.method() + " is not supported on " + request.path() + " — see docs/api.md");
        }
        throw new ApiException(HttpResponseStatus.NOT_FOUND, "no such endpoint: " + request.path()
                + " — see docs/api.md for the endpoints of this version");
    }

    private Principal authorize(Route r, ApiRequest request) {
        String header = request.authorization();
        if (header == null || header.isBlank()) {
            throw new ApiException(HttpResponseStatus.UNAUTHORIZED, request.path() + " needs an API token: send"
                    + " 'Authorization: Bearer TOKEN' (the daemon wrote an admin token to <data dir>/admin.token"
                    + " on its first start; 'soc tokens create' makes more)", Map.of("WWW-Authenticate", REALM));
        }
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        Optional<Principal> who = token == null ? Optional.empty() : authenticator.authenticate(token);
        if (who.isEmpty()) {
            throw new ApiException(HttpResponseStatus.UNAUTHORIZED, "the API token is not valid (revoked, mistyped,"
                    + " or from another daemon's data dir); send 'Authorization: Bearer TOKEN' with a current one",
                    Map.of("WWW-Authenticate", REALM + ", error=\"invalid_token\""));
        }
        if (!who.get().role().includes(r.role())) {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, request.method() + " " + request.path() + " needs the "
                    + r.role().jsonName() + " role; the token '" + who.get().name() + "' is " + who.get().role().jsonName()
                    + " — ask an admin for a token with that role");
        }
        return who.get();
    }

    /** The template's parameters when {@code path} matches the route, else null. */
    private static Map<String, String> match(Route r, String path) {
        if (r.prefix()) {
            boolean ok = path.startsWith(r.path()) && path.length() > r.path().length()
                    && path.indexOf('/', r.path().length()) < 0;
            return ok ? Map.of() : null;
        }
        if (r.literal()) {
            return path.equals(r.path()) ? Map.of() : null;
        }
        String[] want = r.path().split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty()) {
                    return null;
                }
                params.put(want[i].substring(1, want[i].length() - 1), got[i]);
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return params;
    }
}
