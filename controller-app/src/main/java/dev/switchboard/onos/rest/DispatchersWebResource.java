package dev.switchboard.onos.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Response;

/** The configured dispatchers and their status. */
@Path("api/v1/dispatchers")
public class DispatchersWebResource extends SwitchboardResource {
    /**
     * Lists every configured dispatcher: switch connected, trunk, table size, locks and counters (for those this
     * node runs), mastering node.
     *
     * @return 200 OK with {"dispatchers": [Dispatcher]}
     */
    @GET
    public Response list() {
        query();
        return json(new DispatchersApi(dispatch()).list());
    }

    /**
     * Gets one dispatcher.
     *
     * @param id the dispatcher id
     * @return 200 OK with the dispatcher; 400 when the id is not an integer; 404 when it is not configured
     */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        query();
        return json(new DispatchersApi(dispatch()).get(id));
    }
}
