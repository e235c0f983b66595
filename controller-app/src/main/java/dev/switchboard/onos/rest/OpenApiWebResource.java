package dev.switchboard.onos.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI document of the northbound API, the same one the standalone controller serves. The build copies it
 * from the standalone controller's resources (the JSON form of docs/openapi.yaml); ONOS's own API docs keep the
 * swagger document the onos-maven-plugin generates from these resources.
 */
@Path("api/v1/openapi.json")
public class OpenApiWebResource extends SwitchboardResource {
    /** Where the copy lives on the class path, next to this class. */
    static final String RESOURCE = "openapi.json";

    /**
     * Gets the OpenAPI document.
     *
     * @return 200 OK with the document
     */
    @GET
    public Response document() {
        query();
        return Response.ok(load(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static String load() {
        try (InputStream in = OpenApiWebResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
