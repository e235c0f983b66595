package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.onos.api.DispatchAdminService;
import dev.switchboard.onos.api.DispatchService;
import dev.switchboard.onos.config.ServerSpec;
import dev.switchboard.onos.config.SwitchboardTopology;
import org.onlab.util.ItemNotFoundException;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Real servers: add, remove, weight, drain, disable, enable. */
@Path("servers")
public class ServersWebResource extends SwitchboardResource {
    /**
     * Lists servers with their active session counts.
     *
     * @return 200 OK with {"servers": [...]}
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        Map<String, Integer> active = get(DispatchService.class).statistics().sessionsPerServer();
        ObjectNode root = mapper().createObjectNode();
        ArrayNode array = root.putArray("servers");
        for (ServerSpec s : servers()) {
            array.add(encode(s, active));
        }
        return ok(root).build();
    }

    /**
     * Gets one server.
     *
     * @param name the server's name
     * @return 200 OK with the server; 404 when there is none
     */
    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("name") String name) {
        return ok(encode(require(name), get(DispatchService.class).statistics().sessionsPerServer())).build();
    }

    private ObjectNode encode(ServerSpec s, Map<String, Integer> active) {
        ObjectNode node = codec(ServerSpec.class).encode(s, this);
        node.put("activeSessions", active.getOrDefault(s.name(), 0));
        Server runtime = get(DispatchService.class).catalog().server(s.name());
        if (runtime != null) {
            node.put("index", runtime.index());
        }
        return node;
    }

    /**
     * Adds a server, optionally to a group.
     *
     * @param body {"name", "ip", "mac", "sanSwitchPort", "weight", "state", "group"}
     * @return 201 CREATED; 400 naming the field that is wrong or the conflict; 409 before any configuration
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        ObjectNode json = readObject(body);
        ServerSpec server = codec(ServerSpec.class).decode(json, this);
        JsonNode group = json.get("group");
        if (group != null && !group.isNull() && !group.isTextual()) {
            throw new IllegalArgumentException("group: must be a group name");
        }
        get(DispatchAdminService.class).addServer(server, group == null || group.isNull() ? null : group.asText());
        return Response.created(URI.create("servers/" + server.name()))
                .entity(codec(ServerSpec.class).encode(server, this)).build();
    }

    /**
     * Removes a server from its groups and the configuration.
     *
     * @param name the server's name
     * @return 204 NO CONTENT; 404 when there is none
     */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        require(name);
        get(DispatchAdminService.class).removeServer(name);
        return Response.noContent().build();
    }

    /**
     * Sets a server's weight.
     *
     * @param name the server's name
     * @param body {"weight": 1..10000}
     * @return 204 NO CONTENT; 400 for a bad weight; 404 when there is no such server
     */
    @POST
    @Path("{name}/weight")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response weight(@PathParam("name") String name, InputStream body) {
        require(name);
        JsonNode weight = readObject(body).get("weight");
        if (weight == null || !weight.isIntegralNumber()) {
            throw new IllegalArgumentException("weight: an integer is required");
        }
        if (weight.asLong() < 1 || weight.asLong() > Server.MAX_WEIGHT) {
            throw new IllegalArgumentException("weight: must be 1.." + Server.MAX_WEIGHT + ", was " + weight);
        }
        get(DispatchAdminService.class).setServerWeight(name, weight.asInt());
        return Response.noContent().build();
    }

    /**
     * Drains a server: no new sessions, existing ones finish.
     *
     * @param name the server's name
     * @return 204 NO CONTENT; 404 when there is no such server
     */
    @POST
    @Path("{name}/drain")
    public Response drain(@PathParam("name") String name) {
        return state(name, ServerState.DRAINING);
    }

    /**
     * Disables a server: no new sessions; existing ones are still forwarded.
     *
     * @param name the server's name
     * @return 204 NO CONTENT; 404 when there is no such server
     */
    @POST
    @Path("{name}/disable")
    public Response disable(@PathParam("name") String name) {
        return state(name, ServerState.DOWN);
    }

    /**
     * Enables a drained or disabled server.
     *
     * @param name the server's name
     * @return 204 NO CONTENT; 404 when there is no such server
     */
    @POST
    @Path("{name}/enable")
    public Response enable(@PathParam("name") String name) {
        return state(name, ServerState.ACTIVE);
    }

    private Response state(String name, ServerState state) {
        require(name);
        get(DispatchAdminService.class).setServerState(name, state);
        return Response.noContent().build();
    }

    private ServerSpec require(String name) {
        return servers().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new ItemNotFoundException("server '" + name + "' does not exist"));
    }

    private List<ServerSpec> servers() {
        return get(DispatchService.class).topology().map(SwitchboardTopology::servers).orElse(List.of());
    }
}
