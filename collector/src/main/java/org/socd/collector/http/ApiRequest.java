package org.socd.collector.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.socd.collector.auth.Principal;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP request as the endpoints see it: no Netty types, so endpoints are plain functions.
 *
 * @param method        upper-case HTTP method
 * @param path          decoded path without the query string
 * @param parameters    decoded query parameters; a name given several times keeps every value
 * @param authorization the Authorization header, or null
 * @param body          the request body (empty when there is none)
 * @param principal     who sent it, once the router has checked the token; null on open routes
 * @param pathParams    values of the {@code {name}} segments of the matched route
 */
public record ApiRequest(String method, String path, Map<String, List<String>> parameters, String authorization,
                         byte[] body, Principal principal, Map<String, String> pathParams) {

    /** Maximum length of a free-text field in a request body (a note, a resolution). */
    public static final int MAX_TEXT = 10_000;

    public ApiRequest {
        body = body == null ? new byte[0] : body;
        pathParams = pathParams == null ? Map.of() : Map.copyOf(pathParams);
    }

    /** A body-less, unauthenticated request, as tests and simple callers make them. */
    public ApiRequest(String method, String path, Map<String, List<String>> parameters) {
        this(method, path, parameters, null, null, null, null);
    }

    /** The first value of a parameter, or null. */
    public String parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The value of a {@code {name}} segment of the route. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    ApiRequest with(Principal who, Map<String, String> params) {
        return new ApiRequest(method, path, parameters, authorization, body, who, params);
    }

    /** The body as a JSON object; an empty body is an empty object. */
    public JsonNode jsonBody() {
        if (body.length == 0) {
            return ApiResponse.JSON.createObjectNode();
        }
        try {
            JsonNode node = ApiResponse.JSON.readTree(new String(body, StandardCharsets.UTF_8));
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JacksonException e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "the request body is not valid JSON: "
                    + e.getOriginalMessage() + " — send an object such as {\"text\": \"...\"}");
        }
        throw new ApiException(HttpResponseStatus.BAD_REQUEST, "the request body must be a JSON object such as {\"text\": \"...\"}");
    }

    /** A text field of the JSON body; required ones must be present and not blank. */
    public String textField(String name, boolean required) {
        JsonNode v = jsonBody().get(name);
        if (v == null || v.isNull() || (v.isString() && v.asString().isBlank())) {
            if (required) {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, "the body needs a \"" + name
                        + "\" text, e.g. {\"" + name + "\": \"...\"}");
            }
            return null;
        }
        if (!v.isString()) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "\"" + name + "\" must be a string");
        }
        if (v.asString().length() > MAX_TEXT) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "\"" + name + "\" is longer than " + MAX_TEXT
                    + " characters; shorten it");
        }
        return v.asString();
    }
}
