package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dispatch.model.ServerState;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import java.io.InputStream;

/** Real servers: add, remove, weight, load, drain, disable, enable. */
@Path("api/v1/servers")
public class ServersWebResource extends SwitchboardResource {
    /**
     * Lists servers with their state, weight, load and live sessions.
     *
     * @return 200 OK with {"servers": [Server]}
     */
    @GET
    public Response list() {
        query();
        return json(api().list());
    }

    /**
     * Adds an active server, optionally to a group.
     *
     * @param contentType must be application/json
     * @param body {"name", "ip", "mac"?, "sanSwitchPort", "weight"?, "group"?}
     * @return 201 CREATED with the server; 400 naming the field; 409 when the name, address, MAC or port is taken
     */
    @POST
    public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        query();
        ObjectNode created = api().create(RequestBody.read(body, contentType).required());
        return created("servers/" + created.get("name").asText(), created);
    }

    /**
     * Gets one server.
     *
     * @param name the server's name
     * @return 200 OK with the server; 404 when there is none
     */
    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        query();
        return json(api().get(name));
    }

    /**
     * Removes a server that no group lists.
     *
     * @param name the server's name
     * @return 204 NO CONTENT; 404 when there is none; 409 while a group lists it
     */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        query();
        api().delete(name);
        return noContent();
    }

    /**
     * Sets a server's weight.
     *
     * @param name the server's name
     * @param contentType must be application/json
     * @param body {"weight": 1..10000}
     * @return 200 OK with the server; 400 for a bad weight; 404 when there is no such server
     */
    @PUT
    @Path("{name}/weight")
    public Response weight(@PathParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           InputStream body) {
        query();
        return json(api().weight(name, RequestBody.read(body, contentType).required()));
    }

    /**
     * Reports a server's load, the utilisation least-load selection weighs in.
     *
     * @param name the server's name
     * @param contentType must be application/json
     * @param body {"load": 0.0..1.0}
     * @return 200 OK with the server; 400 for a bad load; 404 when there is no such server
     */
    @PUT
    @Path("{name}/load")
    public Response load(@PathParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                         InputStream body) {
        query();
        return json(api().load(name, RequestBody.read(body, contentType).required()));
    }

    /**
     * Drains a server: no new sessions, existing ones finish.
     *
     * @param name the server's name
     * @param contentType application/json when there is a body
     * @param body none, or {}
     * @return 200 OK with the server and its remaining activeSessions; 404 when there is no such server
     */
    @POST
    @Path("{name}/drain")
    public Response drain(@PathParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          InputStream body) {
        return state(name, ServerState.DRAINING, contentType, body);
    }

    /**
     * Disables a server: no new sessions; existing ones are still forwarded.
     *
     * @param name the server's name
     * @param contentType application/json when there is a body
     * @param body none, or {}
     * @return 200 OK with the server; 404 when there is no such server
     */
    @POST
    @Path("{name}/disable")
    public Response disable(@PathParam("name") String name,
                            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        return state(name, ServerState.DOWN, contentType, body);
    }

    /**
     * Enables a drained or disabled server.
     *
     * @param name the server's name
     * @param contentType application/json when there is a body
     * @param body none, or {}
     * @return 200 OK with the server; 404 when there is no such server
     */
    @POST
    @Path("{name}/enable")
    public Response enable(@PathParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           InputStream body) {
        return state(name, ServerState.ACTIVE, contentType, body);
    }

    private Response state(String name, ServerState state, String contentType, InputStream body) {
        query();
        return json(api().state(name, state, RequestBody.read(body, contentType).optional()));
    }

    private ServersApi api() {
        return new ServersApi(dispatch());
    }
}
