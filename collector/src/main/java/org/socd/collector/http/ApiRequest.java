package org.socd.collector.http;

import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the endpoints see it: no Netty types, so endpoints are plain functions.
 *
 * @param method     upper-case HTTP method
 * @param path       decoded path without the query string
 * @param parameters decoded query parameters; a name given several times keeps every value
 */
public record ApiRequest(String method, String path, Map<String, List<String>> parameters) {

    /** The first value of a parameter, or null. */
    public String parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
