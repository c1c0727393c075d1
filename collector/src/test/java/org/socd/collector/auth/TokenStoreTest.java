package org.socd.collector.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void tokensAuthenticateTheirHolderAndSurviveAReload() {
        TokenStore store = TokenStore.open(dir, clock);
        String alice = store.create("alice", Role.ANALYST);
        assertTrue(alice.startsWith(TokenStore.PREFIX));
        assertTrue(alice.length() >= TokenStore.PREFIX.length() + 43, "256 bits in base64url");
        assertEquals(Optional.of(new Principal("alice", Role.ANALYST)), store.authenticate(alice));
        assertEquals(Optional.empty(), store.authenticate(alice + "x"));
        assertEquals(Optional.empty(), store.authenticate(""));
        assertEquals(Optional.of(new Principal("alice", Role.ANALYST)), TokenStore.open(dir, clock).authenticate(alice));
    }

    @Test
    void firstStartWritesOneAdminTokenOnly() throws Exception {
        TokenStore store = TokenStore.open(dir, clock);
        Path file = store.ensureAdminToken().orElseThrow();
        String admin = Files.readString(file).trim();
        assertEquals(Role.ADMIN, store.authenticate(admin).orElseThrow().role());
        assertFalse(TokenStore.open(dir, clock).ensureAdminToken().isPresent());
    }

    @Test
    void namesAreCheckedAndUniqueAndRevokingWorks() {
        TokenStore store = TokenStore.open(dir, clock);
        String bob = store.create("bob", Role.VIEWER);
        assertThrows(IllegalArgumentException.class, () -> store.create("bob", Role.ADMIN));
        assertThrows(IllegalArgumentException.class, () -> store.create("bob smith", Role.ADMIN));
        assertTrue(store.revoke("bob"));
        assertFalse(store.revoke("bob"));
        assertEquals(Optional.empty(), store.authenticate(bob));
    }

    @Test
    void aDamagedFileIsReportedWithWhatToDo() throws Exception {
        Files.writeString(dir.resolve(TokenStore.FILE), "{not json");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TokenStore.open(dir, clock));
        assertTrue(e.getMessage().contains("move it aside"), e.getMessage());
    }

    @Test
    void rolesIncludeTheLesserOnes() {
        assertTrue(Role.ADMIN.includes(Role.ANALYST));
        assertTrue(Role.ANALYST.includes(Role.VIEWER));
        assertFalse(Role.VIEWER.includes(Role.ANALYST));
        assertEquals(Role.ANALYST, Role.parse(" Analyst "));
        assertThrows(IllegalArgumentException.class, () -> Role.parse("root"));
    }
}
