package dev.switchboard.controller.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI document. The JSON is a copy of docs/openapi.yaml kept in
 * the resources; {@code OpenApiDocumentTest} fails when the two differ.
 */
final class OpenApiResource {
    /** Where the copy lives on the class path. */
    static final String RESOURCE = "/openapi.json";

    private OpenApiResource() {
    }

    static void register(Router router) {
        String document = load();
        router.add("GET", "/api/v1/openapi.json", r -> Response.text(Response.JSON, document));
    }

    static String load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
