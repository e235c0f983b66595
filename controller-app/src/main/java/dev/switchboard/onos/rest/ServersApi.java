package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ApiException;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.onos.api.DispatchAdminService;
import dev.switchboard.onos.config.ServerSpec;
import dev.switchboard.onos.config.SwitchboardTopology;
import org.onosproject.net.PortNumber;

import java.util.Map;

/**
 * {@code /servers}: add, remove, weight, load, drain, disable, enable, for the REST resource and the CLI alike.
 */
public final class ServersApi {
    /**
     * Highest SAN switch port the API takes: 0xfeff is the last physical port of OpenFlow 1.0, the oldest version
     * the standalone controller speaks, so both runtimes accept the same range.
     */
    static final int MAX_SWITCH_PORT = 0xfeff;

    private final DispatchAdminService dispatch;

    public ServersApi(DispatchAdminService dispatch) {
        this.dispatch = dispatch;
    }

    /** @return {@code {"servers": [Server]}} */
    public ObjectNode list() {
        ObjectNode root = ApiViews.MAPPER.createObjectNode();
        ArrayNode array = root.putArray("servers");
        SwitchboardTopology t = dispatch.topology().orElse(null);
        if (t != null) {
            Map<String, Integer> active = dispatch.statistics().sessionsPerServer();
            t.servers().forEach(s -> array.add(ApiViews.server(s, t, dispatch.catalog(),
                    active.getOrDefault(s.name(), 0))));
        }
        return root;
    }

    /** @throws ApiException 404 when there is no such server */
    public ObjectNode get(String name) {
        SwitchboardTopology t = dispatch.topology().orElse(null);
        ServerSpec server = t == null ? null : t.server(name).orElse(null);
        if (server == null) {
            throw ApiException.notFound("server '" + name + "' does not exist");
        }
        int active = dispatch.statistics().sessionsPerServer().getOrDefault(name, 0);
        return ApiViews.server(server, t, dispatch.catalog(), active);
    }

    /**
     * @param body {@code {"name", "ip", "mac"?, "sanSwitchPort", "weight"?, "group"?}}
     * @return the new server, active
     */
    public ObjectNode create(JsonNode body) {
        JsonFields fields = JsonFields.of(body, "name", "ip", "mac", "sanSwitchPort", "weight", "group");
        String name = fields.name("name");
        ServerSpec server = new ServerSpec(name, fields.unicastIpv4("ip"), fields.optionalMac("mac"),
                PortNumber.portNumber(fields.integer("sanSwitchPort", 1, MAX_SWITCH_PORT)),
                fields.integer("weight", 1, 1, Server.MAX_WEIGHT), ServerState.ACTIVE);
        dispatch.addServer(server, fields.optionalName("group"));
        return get(name);
    }

    /** Removes a server that no group lists. */
    public void delete(String name) {
        dispatch.removeServer(name);
    }

    /**
     * @param body {@code {"weight": 1..10000}}
     * @return the server after the change
     */
    public ObjectNode weight(String name, JsonNode body) {
        int weight = JsonFields.of(body, "weight").integer("weight", 1, Server.MAX_WEIGHT);
        dispatch.setServerWeight(name, weight);
        return get(name);
    }

    /**
     * @param body {@code {"load": 0.0..1.0}}
     * @return the server after the change
     */
    public ObjectNode load(String name, JsonNode body) {
        double load = JsonFields.of(body, "load").decimal("load", 0.0, 1.0);
        dispatch.reportServerLoad(name, load);
        return get(name);
    }

    /**
     * Drains ({@code draining}: no new sessions, existing ones finish), disables or enables a server.
     *
     * @param body no body, or {@code {}}
     * @return the server after the change; {@code activeSessions} says how many sessions are still open
     */
    public ObjectNode state(String name, ServerState state, JsonNode body) {
        GroupsApi.noArguments(body);
        dispatch.setServerState(name, state);
        return get(name);
    }
}
