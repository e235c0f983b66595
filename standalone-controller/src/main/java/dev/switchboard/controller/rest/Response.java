package dev.switchboard.controller.rest;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.switchboard.api.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a handler answers: status, body bytes with their content type, and extra headers.
 *
 * @param status HTTP status
 * @param contentType the body's media type, or {@code null} for no body
 * @param body the body, empty for none
 * @param headers extra response headers
 */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";
    /** Pretty-printed, nulls kept (a null field says "none", which is information), no HTML escaping. */
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

    static Response json(int status, JsonElement body) {
        return new Response(status, JSON, (GSON.toJson(body) + "\n").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Response ok(JsonElement body) {
        return json(200, body);
    }

    static Response created(String location, JsonElement body) {
        return new Response(201, JSON, (GSON.toJson(body) + "\n").getBytes(StandardCharsets.UTF_8),
                Map.of("Location", location));
    }

    static Response noContent() {
        return new Response(204, null, new byte[0], Map.of());
    }

    static Response text(String contentType, String body) {
        return new Response(200, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** @return the JSON error body of an API error, with extra headers (Allow, WWW-Authenticate) */
    static Response error(ApiException e, Map<String, String> headers) {
        JsonObject error = new JsonObject();
        error.addProperty("status", e.code().status());
        error.addProperty("code", e.code().apiName());
        error.addProperty("message", e.getMessage());
        if (e.field() != null) {
            error.addProperty("field", e.field());
        }
        JsonObject root = new JsonObject();
        root.add("error", error);
        Response body = json(e.code().status(), root);
        return new Response(body.status(), body.contentType(), body.body(), headers);
    }
}
