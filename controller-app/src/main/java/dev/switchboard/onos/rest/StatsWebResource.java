package dev.switchboard.onos.rest;

import dev.switchboard.onos.api.DispatchService;
import dev.switchboard.onos.api.DispatchStatistics;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** Load balancer statistics. */
@Path("stats")
public class StatsWebResource extends SwitchboardResource {
    /**
     * Gets statistics: active sessions, locks, sessions per server, this node's dispatcher counters.
     *
     * @return 200 OK with the statistics
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response stats() {
        DispatchStatistics stats = get(DispatchService.class).statistics();
        return ok(codec(DispatchStatistics.class).encode(stats, this)).build();
    }
}
