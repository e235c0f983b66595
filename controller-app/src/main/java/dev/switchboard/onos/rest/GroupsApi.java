package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ApiException;
import dev.switchboard.onos.api.DispatchAdminService;
import dev.switchboard.onos.config.GroupSpec;
import dev.switchboard.onos.config.SwitchboardTopology;

import java.util.List;

/** {@code /groups}: server groups and their members, for the REST resource and the CLI alike. */
public final class GroupsApi {
    private final DispatchAdminService dispatch;

    public GroupsApi(DispatchAdminService dispatch) {
        this.dispatch = dispatch;
    }

    /** @return {@code {"groups": [Group]}} */
    public ObjectNode list() {
        ObjectNode root = ApiViews.MAPPER.createObjectNode();
        ArrayNode array = root.putArray("groups");
        dispatch.topology().ifPresent(t -> t.groups().forEach(g -> array.add(ApiViews.group(g, t))));
        return root;
    }

    /** @throws ApiException 404 when there is no such group */
    public ObjectNode get(String name) {
        SwitchboardTopology t = dispatch.topology().orElse(null);
        List<GroupSpec> groups = t == null ? List.of() : t.groups();
        GroupSpec group = groups.stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("group '" + name + "' does not exist"));
        return ApiViews.group(group, t);
    }

    /**
     * @param body {@code {"name", "servers"?}}
     * @return the new group
     */
    public ObjectNode create(JsonNode body) {
        JsonFields fields = JsonFields.of(body, "name", "servers");
        String name = fields.name("name");
        dispatch.addGroup(name, fields.has("servers") ? fields.names("servers") : List.of());
        return get(name);
    }

    /** Deletes a group that no service uses. */
    public void delete(String name) {
        dispatch.removeGroup(name);
    }

    /**
     * @param body no body, or {@code {}}
     * @return the group after the change
     */
    public ObjectNode addMember(String group, String server, JsonNode body) {
        noArguments(body);
        dispatch.addGroupMember(group, server);
        return get(group);
    }

    /** @return the group after the change */
    public ObjectNode removeMember(String group, String server) {
        dispatch.removeGroupMember(group, server);
        return get(group);
    }

    /** Accepts no body, or an empty object, for actions that take no arguments. */
    static void noArguments(JsonNode body) {
        if (body != null) {
            JsonFields.of(body);
        }
    }
}
