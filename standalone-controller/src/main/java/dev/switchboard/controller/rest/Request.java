package dev.switchboard.controller.rest;

import com.sun.net.httpserver.Headers;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;
import dev.switchboard.api.QueryParameters;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One API request as a handler sees it: path parameters by name, query parameters (already checked
 * against the route's), and the body.
 */
final class Request {
    private final String method;
    private final Map<String, String> pathParams;
    private final Map<String, String> query;
    private final Headers headers;
    private final byte[] body;

    Request(String method, Map<String, String> pathParams, Map<String, String> query, Headers headers, byte[] body) {
        this.method = method;
        this.pathParams = pathParams;
        this.query = query;
        this.headers = headers;
        this.body = body;
    }

    String method() {
        return method;
    }

    /** @return the path segment matched by {@code {name}} in the route */
    String path(String name) {
        return pathParams.get(name);
    }

    /** @return the query parameter, or {@code null} when absent */
    String query(String name) {
        return query.get(name);
    }

    /** @return an integer query parameter within {@code min..max}, or {@code defaultValue} when absent */
    int queryInt(String name, int defaultValue, int min, int max) {
        return QueryParameters.integer(query, name, defaultValue, min, max);
    }

    /**
     * Reads the body as a JSON object with only the given fields.
     *
     * @throws ApiException for a body that is not JSON (415 for another media type), not an object, or has
     *                      an unknown field
     */
    JsonFields body(String... knownFields) {
        requireJsonMediaType();
        return JsonFields.of(JsonBody.parse(new String(body, StandardCharsets.UTF_8)), knownFields);
    }

    /** Accepts no body, or an empty JSON object, for actions that take no arguments. */
    void noBody() {
        if (body.length == 0) {
            return;
        }
        body();
    }

    private void requireJsonMediaType() {
        String type = headers.getFirst("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (body.length > 0 && !mediaType.equals("application/json")) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, null, "the body must be application/json, was "
                    + (type == null ? "not labelled" : "'" + type + "'"));
        }
    }
}
