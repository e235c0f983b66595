package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.onos.api.DispatchService;
import dev.switchboard.onos.config.GroupSpec;
import dev.switchboard.onos.config.SwitchboardTopology;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.util.List;

/** Server groups (applications) and their members. */
@Path("groups")
public class GroupsWebResource extends SwitchboardResource {
    /**
     * Lists server groups.
     *
     * @return 200 OK with {"groups": [{"name", "servers": [...]}]}
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        ObjectNode root = mapper().createObjectNode();
        ArrayNode array = root.putArray("groups");
        List<GroupSpec> groups = get(DispatchService.class).topology().map(SwitchboardTopology::groups)
                .orElse(List.of());
        for (GroupSpec g : groups) {
            ObjectNode group = array.addObject().put("name", g.name());
            ArrayNode members = group.putArray("servers");
            g.servers().forEach(members::add);
        }
        return ok(root).build();
    }
}
