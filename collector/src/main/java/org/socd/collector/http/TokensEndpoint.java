package org.socd.collector.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.socd.collector.auth.Role;
import org.socd.collector.auth.TokenStore;

/**
 * Token management for admins: {@code GET /api/v1/tokens} lists names and roles (never the
 * tokens), {@code POST /api/v1/tokens {"name":..., "role":...}} makes one and returns it once,
 * {@code DELETE /api/v1/tokens/{name}} revokes one.
 */
public final class TokensEndpoint {

    public static final String PATH = "/api/v1/tokens";

    private final TokenStore tokens;

    public TokensEndpoint(TokenStore tokens) {
        this.tokens = tokens;
    }

    public ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(Map.of("tokens", tokens.list().stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("role", t.role().jsonName());
            m.put("created", t.created().toString());
            return m;
        }).toList()));
    }

    public ApiResponse create(ApiRequest request) {
        String name = request.textField("name", true);
        String roleText = request.textField("role", true);
        try {
            Role role = Role.parse(roleText);
            String token = tokens.create(name, role);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("role", role.jsonName());
            m.put("token", token);
            return ApiResponse.json(HttpResponseStatus.CREATED, m);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    public ApiResponse revoke(ApiRequest request) {
        String name = request.pathParam("name");
        if (!tokens.revoke(name)) {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "no token named '" + name + "'; 'soc tokens list' shows them");
        }
        return ApiResponse.ok(Map.of("revoked", name));
    }
}
