package dev.switchboard.controller.rest;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the route of a method and path: a path that matches no pattern is 404, a path that matches
 * with another method is 405 listing the allowed ones. Literal segments win over parameters, so
 * {@code /servers/{name}} and a future {@code /servers/summary} can coexist.
 */
final class Router {
    private final List<Route> routes = new ArrayList<>();

    /** A matched route and its path parameters. */
    record Match(Route route, Map<String, String> pathParams) {
    }

    Router add(String method, String pattern, Route.Handler handler) {
        return add(method, pattern, Set.of(), handler);
    }

    Router add(String method, String pattern, Set<String> queryParameters, Route.Handler handler) {
        routes.add(new Route(method, pattern, queryParameters, handler));
        return this;
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * @param rawPath the request's path, percent-encoded
     * @throws ApiException 404 or 405
     */
    Match match(String method, String rawPath) {
        List<String> segments = split(rawPath);
        Set<String> allowed = new TreeSet<>();
        Match best = null;
        int bestLiterals = -1;
        for (Route route : routes) {
            Map<String, String> params = bind(route.segments(), segments);
            if (params == null) {
                continue;
            }
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            int literals = route.segments().size() - params.size();
            if (literals > bestLiterals) {
                best = new Match(route, params);
                bestLiterals = literals;
            }
        }
        if (best != null) {
            return best;
        }
        if (!allowed.isEmpty()) {
            throw new MethodNotAllowed(method, rawPath, allowed);
        }
        throw ApiException.notFound("no such path: " + rawPath);
    }

    private static Map<String, String> bind(List<String> pattern, List<String> segments) {
        if (pattern.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), segments.get(i));
            } else if (!p.equals(segments.get(i))) {
                return null;
            }
        }
        return params;
    }

    /** Splits a path into decoded segments; one trailing slash is ignored. */
    static List<String> split(String path) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                // '+' is a literal plus in a path, not a space as in a form.
                segments.add(decode(s.replace("+", "%2B")));
            }
        }
        return segments;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.parameter(null, "malformed percent-encoding in '" + text + "'");
        }
    }

    /** A 405, carrying the methods the path allows for the Allow header. */
    static final class MethodNotAllowed extends RuntimeException {
        private final ApiException error;
        private final Set<String> allowed;

        MethodNotAllowed(String method, String path, Set<String> allowed) {
            super(method + " " + path);
            this.allowed = allowed;
            this.error = new ApiException(ErrorCode.METHOD_NOT_ALLOWED, null, method + " is not allowed on " + path
                    + " (allowed: " + String.join(", ", allowed) + ")");
        }

        ApiException error() {
            return error;
        }

        Set<String> allowed() {
            return allowed;
        }
    }
}
