package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.QueryParameters;
import dev.switchboard.onos.api.DispatchAdminService;
import org.onosproject.rest.AbstractWebResource;

import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * What the Switchboard resources share. Each is a thin adapter from JAX-RS to the operations the CLI runs too;
 * every error becomes the API's JSON error body in {@link ApiErrorMapper}. A handler checks in the API's order:
 * JAX-RS has matched the path and method (404, 405) and ONOS has authenticated the caller, then the handler
 * reads the query parameters, then the body, and the operation checks the state last.
 */
abstract class SwitchboardResource extends AbstractWebResource {
    /** Path of the API under the app's web context ({@code /onos/switchboard}). */
    static final String BASE = "api/v1/";

    @Context
    UriInfo uriInfo;

    DispatchAdminService dispatch() {
        return get(DispatchAdminService.class);
    }

    /**
     * @param accepted the query parameters the handler takes
     * @throws ApiException for any other parameter, or one given twice
     */
    Map<String, String> query(String... accepted) {
        return query(Set.of(accepted));
    }

    Map<String, String> query(Set<String> accepted) {
        return QueryParameters.parse(uriInfo.getRequestUri().getRawQuery(), accepted);
    }

    static Response json(ObjectNode body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** @return 201 with the new resource and its Location (resolved against the app's base URI) */
    static Response created(String path, ObjectNode body) {
        return Response.created(URI.create(BASE + path)).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response noContent() {
        return Response.noContent().build();
    }
}
