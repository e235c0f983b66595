package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.onos.api.DispatchService;
import dev.switchboard.onos.api.DispatchSession;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** Client locks pending in the distributed dispatch table. */
@Path("locks")
public class LocksWebResource extends SwitchboardResource {
    /**
     * Lists client locks.
     *
     * @return 200 OK with {"locks": [...]}
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        ObjectNode root = mapper().createObjectNode();
        ArrayNode array = root.putArray("locks");
        for (DispatchSession lock : get(DispatchService.class).locks()) {
            array.add(codec(DispatchSession.class).encode(lock, this));
        }
        return ok(root).build();
    }
}
