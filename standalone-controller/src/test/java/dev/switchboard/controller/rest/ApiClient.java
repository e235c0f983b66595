package dev.switchboard.controller.rest;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Real HTTP requests to a test server, with or without the bearer token. */
public final class ApiClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    /**
     * @param base such as {@code http://127.0.0.1:34567}
     * @param token the valid token, sent by {@link #write}
     */
    public ApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A response: status, body text and the parsed JSON (null when the body is not JSON). */
    public record Reply(int status, String body, HttpResponse<String> raw) {
        public JsonElement json() {
            return JsonParser.parseString(body);
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        /** @return {@code error.code} of an error body */
        public String errorCode() {
            return json().getAsJsonObject().getAsJsonObject("error").get("code").getAsString();
        }

        public String errorMessage() {
            return json().getAsJsonObject().getAsJsonObject("error").get("message").getAsString();
        }
    }

    public String base() {
        return base;
    }

    public Reply get(String path) {
        return send("GET", path, null, null, null);
    }

    /** Sends JSON with the valid token. */
    public Reply write(String method, String path, String json) {
        return send(method, path, json, json == null ? null : "application/json", "Bearer " + token);
    }

    /**
     * @param body the body, or {@code null} for none
     * @param contentType the Content-Type header, or {@code null} for none
     * @param authorization the Authorization header, or {@code null} for none
     */
    public Reply send(String method, String path, String body, String contentType, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
