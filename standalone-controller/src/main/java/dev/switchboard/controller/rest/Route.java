package dev.switchboard.controller.rest;

import java.util.List;
import java.util.Set;

/**
 * One method on one path pattern, such as {@code GET /api/v1/servers/{name}}.
 *
 * @param method HTTP method
 * @param pattern path with {@code {name}} segments that match one path segment each
 * @param queryParameters the query parameters the route accepts; any other is an error
 * @param handler what answers it
 */
record Route(String method, String pattern, Set<String> queryParameters, Handler handler) {
    /** Answers a request. */
    @FunctionalInterface
    interface Handler {
        Response handle(Request request);
    }

    /** @return whether the method changes state (and so needs the token) */
    boolean isWrite() {
        return !method.equals("GET") && !method.equals("HEAD");
    }

    List<String> segments() {
        return Router.split(pattern);
    }
}
