package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;

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

/** Server groups and their members. */
@Path("api/v1/groups")
public class GroupsWebResource extends SwitchboardResource {
    /**
     * Lists server groups.
     *
     * @return 200 OK with {"groups": [Group]}
     */
    @GET
    public Response list() {
        query();
        return json(api().list());
    }

    /**
     * Creates a server group.
     *
     * @param contentType must be application/json
     * @param body {"name", "servers": [names]}, servers optional
     * @return 201 CREATED with the group; 400 for an unknown or repeated member; 409 when the name is taken
     */
    @POST
    public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        query();
        ObjectNode created = api().create(RequestBody.read(body, contentType).required());
        return created("groups/" + created.get("name").asText(), created);
    }

    /**
     * Gets one group.
     *
     * @param name the group's name
     * @return 200 OK with the group; 404 when there is none
     */
    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        query();
        return json(api().get(name));
    }

    /**
     * Deletes a group that no service uses.
     *
     * @param name the group's name
     * @return 204 NO CONTENT; 404 when there is none; 409 while a service uses it
     */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        query();
        api().delete(name);
        return noContent();
    }

    /**
     * Adds a server to a group; adding a member again changes nothing.
     *
     * @param name the group's name
     * @param server the server's name
     * @param contentType application/json when there is a body
     * @param body none, or {}
     * @return 200 OK with the group; 404 when the group or the server does not exist
     */
    @PUT
    @Path("{name}/servers/{server}")
    public Response addMember(@PathParam("name") String name, @PathParam("server") String server,
                              @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        query();
        return json(api().addMember(name, server, RequestBody.read(body, contentType).optional()));
    }

    /**
     * Removes a server from a group; its sessions go on.
     *
     * @param name the group's name
     * @param server the server's name
     * @return 200 OK with the group; 404 when either does not exist or the server is not a member
     */
    @DELETE
    @Path("{name}/servers/{server}")
    public Response removeMember(@PathParam("name") String name, @PathParam("server") String server) {
        query();
        return json(api().removeMember(name, server));
    }

    private GroupsApi api() {
        return new GroupsApi(dispatch());
    }
}
