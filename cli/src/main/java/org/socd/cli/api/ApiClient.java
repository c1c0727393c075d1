package org.socd.cli.api;

import java.io.IOException;
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
 * The daemon's HTTP API as the CLI uses it: JSON in, JSON out, and failures turned into
 * {@link ApiClientException}s whose messages tell the analyst what to do.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final HttpClient http;

    public ApiClient(String baseUrl) {
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
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null) {
                q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        URI uri = URI.create(base + path + q);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ApiClientException("cannot reach socd at " + base + ": connection refused — is it running? "
                    + "(start it with bin/socd, or point --server / SOC_SERVER at it)");
        } catch (IOException e) {
            throw new ApiClientException("talking to socd at " + base + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiClientException("interrupted while waiting for socd at " + base);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ApiClientException("socd at " + base + " answered " + response.statusCode()
                    + " with something that is not JSON — is that URL really socd's API?");
        }
        if (response.statusCode() >= 400) {
            String message = body.path("error").asString(response.body());
            throw new ApiClientException("socd refused the request (" + response.statusCode() + "): " + message);
        }
        return body;
    }
}
