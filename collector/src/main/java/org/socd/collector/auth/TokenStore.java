package org.socd.collector.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API tokens, kept in {@code <data dir>/tokens.json} as SHA-256 hashes only (mode 0600).
 * A token is 256 random bits, so a plain hash is enough: there is nothing to brute-force that
 * a salt or a slow hash would protect. Lookup is by hash, so comparing a presented token takes
 * the same time whichever stored token it resembles.
 */
public final class TokenStore implements Authenticator {

    /** Tokens start with this, so a leaked one is recognisable in logs and secret scanners. */
    public static final String PREFIX = "socd_";
    public static final String FILE = "tokens.json";
    public static final String ADMIN_TOKEN_FILE = "admin.token";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<TokenInfo>> LIST = new TypeReference<>() {
    };

    private final Path file;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, TokenInfo> byHash = new ConcurrentHashMap<>();

    private TokenStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Loads {@code <dataDir>/tokens.json}, or starts empty when there is none yet. */
    public static TokenStore open(Path dataDir, Clock clock) {
        TokenStore store = new TokenStore(dataDir.resolve(FILE), clock);
        if (Files.exists(store.file)) {
            try {
                for (TokenInfo t : JSON.readValue(Files.readString(store.file), LIST)) {
                    store.byHash.put(t.sha256(), t);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read API tokens from " + store.file + ": " + e.getMessage(), e);
            } catch (JacksonException | IllegalArgumentException e) {
                throw new IllegalStateException("API token file " + store.file + " is damaged (" + e.getMessage()
                        + "); move it aside and restart: a new admin token is written to " + ADMIN_TOKEN_FILE, e);
            }
        }
        return store;
    }

    /**
     * On a first start (no admin token yet) makes one and writes it to
     * {@code <dataDir>/admin.token}, readable by the owner only.
     *
     * @return the file written, or empty when an admin token already existed
     */
    public synchronized Optional<Path> ensureAdminToken() {
        if (byHash.values().stream().anyMatch(t -> t.role() == Role.ADMIN)) {
            return Optional.empty();
        }
        String token = create("admin", Role.ADMIN);
        Path out = file.resolveSibling(ADMIN_TOKEN_FILE);
        writeOwnerOnly(out, token + "\n");
        return Optional.of(out);
    }

    /**
     * Makes a new token.
     *
     * @return the token itself; it is not kept, so this is the only time anyone sees it
     * @throws IllegalArgumentException when the name is malformed or taken
     */
    public synchronized String create(String name, Role role) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("token name '" + name + "' must be 1-64 letters, digits or . _ @ -");
        }
        if (byHash.values().stream().anyMatch(t -> t.name().equals(name))) {
            throw new IllegalArgumentException("a token named '" + name + "' exists; revoke it first or choose another name");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        TokenInfo info = new TokenInfo(name, role, sha256(token), clock.instant());
        byHash.put(info.sha256(), info);
        save();
        return token;
    }

    /** Deletes the token with this name; false when there is none. */
    public synchronized boolean revoke(String name) {
        boolean removed = byHash.values().removeIf(t -> t.name().equals(name));
        if (removed) {
            save();
        }
        return removed;
    }

    /** Every token, oldest first. */
    public List<TokenInfo> list() {
        List<TokenInfo> all = new ArrayList<>(byHash.values());
        all.sort(java.util.Comparator.comparing(TokenInfo::created).thenComparing(TokenInfo::name));
        return all;
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        TokenInfo info = byHash.get(sha256(token));
        return info == null ? Optional.empty() : Optional.of(new Principal(info.name(), info.role()));
    }

    static String sha256(String token) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    private void save() {
        writeOwnerOnly(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list()));
    }

    /** Writes through a temp file and a rename, so a crash leaves the old or the new file, never half. */
    private static void writeOwnerOnly(Path target, String content) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(tmp);
            } catch (FileAlreadyExistsException raced) {
                throw new IOException("another process is writing " + tmp, raced);
            }
            Files.writeString(tmp, content, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage()
                    + " — check that the data directory is writable", e);
        }
    }
}
