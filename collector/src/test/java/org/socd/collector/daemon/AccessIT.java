package org.socd.collector.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socd.collector.auth.Role;

/**
 * Every API endpoint with every role, over real HTTP: who may, who gets 403, and that nobody
 * without a valid token gets past 401.
 */
class AccessIT {

    @TempDir
    static Path dir;
    static RunningDaemon d;
    static Map<Role, String> tokens;

    /** One request, and the least role that may make it. */
    record Call(String method, String path, String body, Role needs) {
    }

    static final List<Call> CALLS = List.of(
            new Call("GET", "/api/v1/status", null, Role.VIEWER),
            new Call("GET", "/api/v1/alerts?since=1h", null, Role.VIEWER),
            new Call("GET", "/api/v1/alerts/stats?by=level", null, Role.VIEWER),
            new Call("GET", "/api/v1/alerts/nosuchid", null, Role.VIEWER),
            new Call("POST", "/api/v1/alerts/nosuchid/ack", null, Role.ANALYST),
            new Call("POST", "/api/v1/alerts/nosuchid/close", "{\"resolution\":\"fp\"}", Role.ANALYST),
            new Call("POST", "/api/v1/alerts/nosuchid/assign", "{\"assignee\":\"bob\"}", Role.ANALYST),
            new Call("POST", "/api/v1/alerts/nosuchid/notes", "{\"text\":\"hi\"}", Role.ANALYST),
            new Call("GET", "/api/v1/journal", null, Role.VIEWER),
            new Call("POST", "/api/v1/rules/reload", null, Role.ADMIN),
            new Call("GET", "/api/v1/tokens", null, Role.ADMIN),
            new Call("DELETE", "/api/v1/tokens/nobody", null, Role.ADMIN));

    @BeforeAll
    static void start() {
        d = new RunningDaemon(dir, 64 * 1024);
        tokens = Map.of(Role.VIEWER, d.daemon.tokens().create("vera", Role.VIEWER),
                Role.ANALYST, d.daemon.tokens().create("anna", Role.ANALYST),
                Role.ADMIN, d.adminToken);
    }

    @AfterAll
    static void stop() {
        d.close();
    }

    @Test
    void eachRoleMayDoWhatItsRoleIncludesAndIsRefusedTheRest() {
        for (Call call : CALLS) {
            for (Role role : Role.values()) {
                HttpResponse<String> r = d.send(call.method(), call.path(), call.body(), tokens.get(role));
                String what = role + " " + call.method() + " " + call.path() + " -> " + r.statusCode() + " " + r.body();
                if (role.includes(call.needs())) {
                    // Allowed: the endpoint answered (the ids and names do not exist, so 404 is fine).
                    assertTrue(r.statusCode() == 200 || r.statusCode() == 404, what);
                } else {
                    assertEquals(403, r.statusCode(), what);
                    assertTrue(r.body().contains("needs the " + call.needs().jsonName() + " role"), what);
                }
            }
        }
    }

    @Test
    void withoutOrWithABadTokenEveryProtectedEndpointIs401WithAChallenge() {
        for (Call call : CALLS) {
            HttpResponse<String> none = d.send(call.method(), call.path(), call.body(), null);
            assertEquals(401, none.statusCode(), call.path());
            assertEquals("Bearer realm=\"socd\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
            assertTrue(none.body().contains("Authorization: Bearer"), none.body());
            HttpResponse<String> bad = d.send(call.method(), call.path(), call.body(), "socd_not-a-real-token");
            assertEquals(401, bad.statusCode(), call.path());
            assertTrue(bad.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
        }
        HttpResponse<String> stream = d.send("GET", "/api/v1/alerts/stream", null, null);
        assertEquals(401, stream.statusCode());
    }

    @Test
    void healthAndMetricsStayOpenByDefault() {
        assertEquals(200, d.send("GET", "/health", null, null).statusCode());
        assertEquals(200, d.send("GET", "/metrics", null, null).statusCode());
    }

    @Test
    void metricsCanRequireAToken(@TempDir Path other) {
        try (RunningDaemon locked = new RunningDaemon(other, new org.socd.collector.config.DaemonConfig.SyslogConfig("127.0.0.1", 0, 0, 1024), List.of(), true)) {
            assertEquals(401, locked.send("GET", "/metrics", null, null).statusCode());
            assertEquals(200, locked.send("GET", "/metrics", null, locked.adminToken).statusCode());
            assertEquals(200, locked.send("GET", "/health", null, null).statusCode());
        }
    }

    @Test
    void adminTokenFileIsOwnerOnlyAndTokensAreStoredHashed() throws Exception {
        Path file = dir.resolve("admin.token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String stored = Files.readString(dir.resolve("tokens.json"));
        assertTrue(stored.contains("sha256"), stored);
        for (String token : tokens.values()) {
            assertTrue(!stored.contains(token), "a token in clear in tokens.json");
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tokens.json"))));
    }

    @Test
    void adminsMakeListAndRevokeTokens() {
        HttpResponse<String> made = d.send("POST", "/api/v1/tokens", "{\"name\":\"carol\",\"role\":\"analyst\"}", d.adminToken);
        assertEquals(201, made.statusCode(), made.body());
        String carol = made.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> status = d.send("GET", "/api/v1/status", null, carol);
        assertEquals(200, status.statusCode());
        assertTrue(status.body().contains("\"name\":\"carol\""), status.body());
        assertTrue(d.send("GET", "/api/v1/tokens", null, d.adminToken).body().contains("carol"));
        assertEquals(400, d.send("POST", "/api/v1/tokens", "{\"name\":\"carol\",\"role\":\"analyst\"}", d.adminToken).statusCode());
        assertEquals(400, d.send("POST", "/api/v1/tokens", "{\"name\":\"dave\",\"role\":\"root\"}", d.adminToken).statusCode());
        assertEquals(200, d.send("DELETE", "/api/v1/tokens/carol", null, d.adminToken).statusCode());
        assertEquals(401, d.send("GET", "/api/v1/status", null, carol).statusCode());
    }

    @Test
    void aRestartKeepsTheTokensAndWritesNoNewAdminToken(@TempDir Path other) throws Exception {
        String viewer;
        String admin;
        try (RunningDaemon first = new RunningDaemon(other, 1024)) {
            viewer = first.daemon.tokens().create("v", Role.VIEWER);
            admin = first.adminToken;
        }
        try (RunningDaemon second = new RunningDaemon(other, 1024)) {
            assertEquals(admin, second.adminToken);
            assertEquals(null, second.daemon.adminTokenFile());
            assertEquals(200, second.send("GET", "/api/v1/status", null, viewer).statusCode());
        }
    }
}
