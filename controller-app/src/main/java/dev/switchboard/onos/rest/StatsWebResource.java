package dev.switchboard.onos.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.core.Response;

/** Load balancer statistics. */
@Path("api/v1/stats")
public class StatsWebResource extends SwitchboardResource {
    /**
     * Gets statistics: active sessions, placement rate, locks, every dispatcher, every server.
     *
     * @return 200 OK with the statistics
     */
    @GET
    public Response stats() {
        query();
        return json(new DispatchersApi(dispatch()).stats());
    }
}
