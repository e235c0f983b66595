package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ApiException;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.onos.api.DispatchAdminService;
import dev.switchboard.onos.config.ServiceSpec;
import dev.switchboard.onos.config.SwitchboardTopology;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /services}: VIP + protocol + port, served by a server group. The REST resource and the CLI both run
 * these operations, so both check and answer alike.
 */
public final class ServicesApi {
    static final Map<String, Protocol> PROTOCOLS = new LinkedHashMap<>();

    static {
        PROTOCOLS.put("tcp", Protocol.TCP);
        PROTOCOLS.put("udp", Protocol.UDP);
    }

    private final DispatchAdminService dispatch;

    public ServicesApi(DispatchAdminService dispatch) {
        this.dispatch = dispatch;
    }

    /** @return {@code {"services": [Service]}} */
    public ObjectNode list() {
        ObjectNode root = ApiViews.MAPPER.createObjectNode();
        ArrayNode array = root.putArray("services");
        services().forEach(s -> array.add(ApiViews.service(s)));
        return root;
    }

    /** @throws ApiException 404 when there is no such service */
    public ObjectNode get(String name) {
        return ApiViews.service(services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("service '" + name + "' does not exist")));
    }

    /**
     * @param body {@code {"name", "vip", "protocol", "port", "group"}}
     * @return the new service
     */
    public ObjectNode create(JsonNode body) {
        JsonFields fields = JsonFields.of(body, "name", "vip", "protocol", "port", "group");
        String name = fields.name("name");
        int vip = fields.unicastIpv4("vip");
        Protocol protocol = fields.choice("protocol", PROTOCOLS);
        int port = fields.integer("port", 1, 0xffff);
        String group = fields.name("group");
        dispatch.addService(new ServiceSpec(name, vip, protocol, port, group));
        return get(name);
    }

    /** Deletes a service; established sessions run to their end. */
    public void delete(String name) {
        dispatch.removeService(name);
    }

    private List<ServiceSpec> services() {
        return dispatch.topology().map(SwitchboardTopology::services).orElse(List.of());
    }
}
