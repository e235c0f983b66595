package dev.switchboard.controller.rest;

import com.sun.net.httpserver.Headers;

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
        String text = query.get(name);
        if (text == null) {
            return defaultValue;
        }
        return integerParameter(name, text, min, max);
    }

    /** Parses a path segment or query parameter that must be an integer within {@code min..max}. */
    static int integerParameter(String name, String text, int min, int max) {
        long value;
        try {
            if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c == '-' || Character.isDigit(c))) {
                throw new NumberFormatException(text);
            }
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.parameter(name, name + ": '" + text + "' is not an integer");
        }
        if (value < min || value > max) {
            throw ApiException.parameter(name, name + ": " + value + " is out of range " + min + ".." + max);
        }
        return (int) value;
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
