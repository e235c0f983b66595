package dev.switchboard.onos.rest;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.Path;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import java.io.InputStream;

/** The dispatch settings, applied live through ONOS's component configuration. */
@Path("api/v1/config")
public class ConfigWebResource extends SwitchboardResource {
    /**
     * Gets the dispatch settings in force.
     *
     * @return 200 OK with {"strategy", "lockTtlMillis", "idleTimeoutSeconds", "finLingerMillis", "fallback"}
     */
    @GET
    public Response get() {
        query();
        return json(new ConfigApi(dispatch()).get());
    }

    /**
     * Changes dispatch settings live; fields not given keep their value. The whole result is checked before
     * anything is set.
     *
     * @param contentType must be application/json
     * @param body any subset of the settings
     * @return 200 OK with the settings now in force; 400 naming a bad field
     */
    @PATCH
    public Response patch(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        query();
        return json(new ConfigApi(dispatch()).patch(RequestBody.read(body, contentType).required()));
    }
}
