package dev.switchboard.onos.rest;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Response;

/** Sessions of the distributed dispatch table: list with filters and paging, get one, terminate one. */
@Path("api/v1/sessions")
public class SessionsWebResource extends SwitchboardResource {
    /**
     * Lists sessions, filtered and paged, in key order. Query parameters: service, server (names), client (an
     * address), dispatcher (the one that placed them, 0..63), limit (1..1000), offset (0..10000) or cursor (the
     * nextCursor of the previous page).
     *
     * @return 200 OK with {"sessions", "total", "limit", "offset", "nextCursor", "source"}; 400 naming a bad
     *     parameter
     */
    @GET
    public Response list() {
        return json(api().list(query(SessionsApi.LIST_PARAMETERS)));
    }

    /**
     * Gets one session.
     *
     * @param key protocol-client-clientPort-vip-vipPort
     * @return 200 OK with the session; 400 for a malformed key; 404 when there is none
     */
    @GET
    @Path("{key}")
    public Response get(@PathParam("key") String key) {
        query();
        return json(api().get(key));
    }

    /**
     * Terminates a session (or a pending client lock) on every dispatcher.
     *
     * @param key protocol-client-clientPort-vip-vipPort
     * @return 204 NO CONTENT; 400 for a malformed key; 404 when there is none
     */
    @DELETE
    @Path("{key}")
    public Response terminate(@PathParam("key") String key) {
        query();
        api().terminate(key);
        return noContent();
    }

    private SessionsApi api() {
        return new SessionsApi(dispatch());
    }
}
