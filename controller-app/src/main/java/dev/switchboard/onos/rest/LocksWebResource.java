package dev.switchboard.onos.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.core.Response;

/** Client locks pending in the distributed dispatch table. */
@Path("api/v1/locks")
public class LocksWebResource extends SwitchboardResource {
    /**
     * Lists client locks. Query parameter: limit (1..1000, default 100).
     *
     * @return 200 OK with {"locks": [Lock], "total", "source"}
     */
    @GET
    public Response list() {
        return json(new SessionsApi(dispatch()).locks(query(SessionsApi.LOCK_PARAMETERS)));
    }
}
