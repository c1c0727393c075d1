package org.socd.cli.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The daemon's HTTP API as the CLI uses it: JSON in, JSON out, the bearer token on every
 * request, and failures turned into {@link ApiClientException}s whose messages tell the
 * analyst what to do.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final HttpClient http;
    private final Connection connection;

    public ApiClient(String baseUrl) {
        this(new Connection(baseUrl, null, null));
    }

    public ApiClient(Connection connection) {
        this.connection = connection;
        String baseUrl = connection.server();
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            this.base = URI.create(b);
        } catch (IllegalArgumentException e) {
            throw new ApiClientException("'" + baseUrl + "' is not a server URL; use e.g. http://127.0.0.1:8514");
        }
        if (base.getScheme() == null || base.getHost() == null) {
            throw new ApiClientException("'" + baseUrl + "' is not a server URL; use e.g. http://127.0.0.1:8514");
        }
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** GET {@code path} with query parameters (null values are left out); returns the JSON body. */
    public JsonNode get(String path, Map<String, String> query) {
        return send(request(path, query).GET());
    }

    /** POST a JSON body (null for none); returns the JSON answer. */
    public JsonNode post(String path, Object body) {
        String json = body == null ? "" : JSON.writeValueAsString(body);
        return send(request(path, Map.of()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public JsonNode delete(String path) {
        return send(request(path, Map.of()).DELETE());
    }

    /**
     * Follows a Server-Sent Events stream, handing each {@code data:} payload with its event
     * type to {@code onEvent} until the server closes it or the thread is interrupted.
     */
    public void stream(String path, java.util.function.BiConsumer<String, String> onEvent) {
        HttpRequest request = requestNoTimeout(path).GET().build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 400) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw refused(response.statusCode(), body);
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = "message";
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    onEvent.accept(event, line.substring(6));
                } else if (line.isEmpty()) {
                    event = "message";
                }
            }
        } catch (IOException e) {
            throw new ApiClientException("the stream from socd at " + base + " broke: " + e.getMessage()
                    + " — run the command again to resume");
        }
    }

    private HttpRequest.Builder request(String path, Map<String, String> query) {
        return requestNoTimeout(path + queryString(query)).timeout(Duration.ofSeconds(60));
    }

    private HttpRequest.Builder requestNoTimeout(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Accept", "application/json");
        if (connection.token() != null) {
            b.header("Authorization", "Bearer " + connection.token());
        }
        return b;
    }

    private static String queryString(Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null) {
                q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    private JsonNode send(HttpRequest.Builder builder) {
        HttpResponse<String> response = exchange(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 400) {
            throw refused(response.statusCode(), response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ApiClientException("socd at " + base + " answered " + response.statusCode()
                    + " with something that is not JSON — is that URL really socd's API?");
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ApiClientException("cannot reach socd at " + base + ": connection refused — is it running? "
                    + "(start it with bin/socd, or point --server / SOC_SERVER at it)");
        } catch (IOException e) {
            throw new ApiClientException("talking to socd at " + base + " failed: " + e
                    + (base.getScheme().equals("http") ? " — if socd serves TLS, use an https:// URL" : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiClientException("interrupted while waiting for socd at " + base);
        }
    }

    private ApiClientException refused(int status, String body) {
        String message;
        try {
            message = JSON.readTree(body).path("error").asString(body);
        } catch (JacksonException e) {
            message = body;
        }
        if (status == 401) {
            String hint = connection.token() == null
                    ? "no token found: pass --token, set SOC_TOKEN, put 'token: ...' in ~/.config/soc/config.yml,"
                      + " or run soc where ./data/admin.token is (the daemon writes it on first start)"
                    : "the token from " + connection.tokenSource() + " was refused: check it belongs to this daemon";
            return new ApiClientException("socd at " + base + " wants a valid API token (401): " + hint);
        }
        return new ApiClientException("socd refused the request (" + status + "): " + message);
    }
}
