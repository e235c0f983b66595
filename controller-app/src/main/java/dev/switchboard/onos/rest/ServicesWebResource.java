package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import java.io.InputStream;

/** Balanced services: VIP, protocol and port, served by a server group. */
@Path("api/v1/services")
public class ServicesWebResource extends SwitchboardResource {
    /**
     * Lists services.
     *
     * @return 200 OK with {"services": [Service]}
     */
    @GET
    public Response list() {
        query();
        return json(api().list());
    }

    /**
     * Creates a service.
     *
     * @param contentType must be application/json
     * @param body {"name", "vip", "protocol": "tcp"|"udp", "port", "group"}
     * @return 201 CREATED with the service; 400 naming the field; 409 when the name or VIP:port/protocol is taken
     */
    @POST
    public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        query();
        RequestBody request = RequestBody.read(body, contentType);
        ObjectNode created = api().create(request.required());
        return created("services/" + created.get("name").asText(), created);
    }

    /**
     * Gets one service.
     *
     * @param name the service's name
     * @return 200 OK with the service; 404 when there is none
     */
    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        query();
        return json(api().get(name));
    }

    /**
     * Deletes a service; established sessions run to their end.
     *
     * @param name the service's name
     * @return 204 NO CONTENT; 404 when there is none
     */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        query();
        api().delete(name);
        return noContent();
    }

    private ServicesApi api() {
        return new ServicesApi(dispatch());
    }
}
