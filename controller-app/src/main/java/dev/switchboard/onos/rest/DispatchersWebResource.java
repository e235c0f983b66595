package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.onos.api.DispatchService;
import dev.switchboard.onos.api.DispatcherStatus;
import org.onlab.util.ItemNotFoundException;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** The configured dispatchers and their status. */
@Path("dispatchers")
public class DispatchersWebResource extends SwitchboardResource {
    /**
     * Lists dispatchers: switch connected, mastering node, table size and counters where this node runs them.
     *
     * @return 200 OK with {"dispatchers": [...]}
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        ObjectNode root = mapper().createObjectNode();
        ArrayNode array = root.putArray("dispatchers");
        for (DispatcherStatus d : get(DispatchService.class).dispatchers()) {
            array.add(codec(DispatcherStatus.class).encode(d, this));
        }
        return ok(root).build();
    }

    /**
     * Gets one dispatcher.
     *
     * @param id the dispatcher id
     * @return 200 OK with the dispatcher; 404 when there is none
     */
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") int id) {
        DispatcherStatus status = get(DispatchService.class).dispatchers().stream().filter(d -> d.id() == id)
                .findFirst().orElseThrow(() -> new ItemNotFoundException("dispatcher " + id + " does not exist"));
        return ok(codec(DispatcherStatus.class).encode(status, this)).build();
    }
}
