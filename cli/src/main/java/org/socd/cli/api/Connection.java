package org.socd.cli.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Where socd is and which token to show it, each taken from the first source that has one:
 * the {@code --server}/{@code --token} flags, then {@code SOC_SERVER}/{@code SOC_TOKEN}, then
 * {@code ~/.config/soc/config.yml} ({@code server:} and {@code token:}), then the defaults
 * {@code http://127.0.0.1:8514} and {@code ./data/admin.token} — so {@code soc} works out of the
 * box next to a daemon started with its defaults.
 *
 * @param server      the API's base URL
 * @param token       the bearer token, or null when no source had one
 * @param tokenSource where the token came from, for error messages
 */
public record Connection(String server, String token, String tokenSource) {

    public static final String DEFAULT_SERVER = "http://127.0.0.1:8514";

    /**
     * @param env        the environment (System.getenv() outside tests)
     * @param configFile the user's config file (need not exist)
     * @param workDir    where {@code data/admin.token} is looked for
     */
    public static Connection resolve(String serverFlag, String tokenFlag, Map<String, String> env, Path configFile,
                                     Path workDir) {
        JsonNode config = readConfig(configFile);
        String server = first(serverFlag, env.get("SOC_SERVER"), text(config, "server"), DEFAULT_SERVER);
        if (present(tokenFlag)) {
            return new Connection(server, tokenFlag.trim(), "--token");
        }
        if (present(env.get("SOC_TOKEN"))) {
            return new Connection(server, env.get("SOC_TOKEN").trim(), "SOC_TOKEN");
        }
        if (present(text(config, "token"))) {
            return new Connection(server, text(config, "token").trim(), configFile.toString());
        }
        Path adminToken = workDir.resolve("data").resolve("admin.token");
        if (Files.isReadable(adminToken)) {
            try {
                return new Connection(server, Files.readString(adminToken).trim(), adminToken.toString());
            } catch (IOException e) {
                throw new ApiClientException("cannot read " + adminToken + ": " + e.getMessage());
            }
        }
        return new Connection(server, null, null);
    }

    /** The user's config file: {@code $XDG_CONFIG_HOME/soc/config.yml}, else {@code ~/.config/soc/config.yml}. */
    public static Path userConfigFile(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = present(xdg) ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("soc").resolve("config.yml");
    }

    private static JsonNode readConfig(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode node = new YAMLMapper().readTree(Files.readString(file));
            if (node != null && !node.isNull() && !node.isObject()) {
                throw new ApiClientException(file + " must be a mapping such as 'server: http://127.0.0.1:8514'"
                        + " and 'token: socd_...'");
            }
            return node;
        } catch (IOException e) {
            throw new ApiClientException("cannot read " + file + ": " + e.getMessage());
        } catch (JacksonException e) {
            throw new ApiClientException(file + " is not valid YAML: " + e.getOriginalMessage()
                    + " — it takes 'server:' and 'token:' lines");
        }
    }

    private static String text(JsonNode config, String key) {
        if (config == null || config.get(key) == null || config.get(key).isNull()) {
            return null;
        }
        return config.get(key).asString();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (present(v)) {
                return v.trim();
            }
        }
        return null;
    }
}
