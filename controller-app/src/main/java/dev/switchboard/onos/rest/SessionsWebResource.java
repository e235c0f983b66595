package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.onos.api.DispatchAdminService;
import dev.switchboard.onos.api.DispatchService;
import dev.switchboard.onos.api.DispatchSession;
import org.onlab.util.ItemNotFoundException;

import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Sessions of the distributed dispatch table: list with filters and paging, get one, terminate one. */
@Path("sessions")
public class SessionsWebResource extends SwitchboardResource {
    private static final int MAX_LIMIT = 10_000;

    /**
     * Lists sessions, optionally filtered and paged.
     *
     * @param service only sessions of this service (name)
     * @param server only sessions on this server (name)
     * @param client only sessions of this client address
     * @param dispatcher only sessions placed by this dispatcher id
     * @param offset sessions to skip
     * @param limit most sessions to return, 1 to 10000
     * @return 200 OK with {"sessions": [...], "total": n, "offset": o, "limit": l}; 400 naming a bad filter
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("service") String service, @QueryParam("server") String server,
                         @QueryParam("client") String client, @QueryParam("dispatcher") Integer dispatcher,
                         @QueryParam("offset") @DefaultValue("0") int offset,
                         @QueryParam("limit") @DefaultValue("100") int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset: must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        DispatchService dispatch = get(DispatchService.class);
        Predicate<DispatchSession> filter = s -> true;
        if (service != null) {
            Service svc = dispatch.catalog().service(service);
            if (svc == null) {
                throw new IllegalArgumentException("service: no service is named '" + service + "'");
            }
            filter = filter.and(s -> s.key().vip() == svc.id().vip() && s.key().vipPort() == svc.id().port()
                    && s.key().protocol() == svc.id().protocol());
        }
        if (server != null) {
            if (dispatch.catalog().server(server) == null) {
                throw new IllegalArgumentException("server: no server is named '" + server + "'");
            }
            filter = filter.and(s -> server.equals(s.server()));
        }
        if (client != null) {
            int address;
            try {
                address = Ipv4.parse(client);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("client: " + e.getMessage(), e);
            }
            filter = filter.and(s -> s.key().clientAddress() == address);
        }
        if (dispatcher != null) {
            int id = dispatcher;
            filter = filter.and(s -> s.owner() == id);
        }
        List<DispatchSession> matching = new ArrayList<>();
        for (DispatchSession s : dispatch.sessions()) {
            if (filter.test(s)) {
                matching.add(s);
            }
        }
        ObjectNode root = mapper().createObjectNode();
        ArrayNode array = root.putArray("sessions");
        for (int i = offset; i < matching.size() && i < (long) offset + limit; i++) {
            array.add(codec(DispatchSession.class).encode(matching.get(i), this));
        }
        root.put("total", matching.size()).put("offset", offset).put("limit", limit);
        return ok(root).build();
    }

    /**
     * Gets one session or client lock.
     *
     * @param id protocol-client-clientPort-vip-vipPort
     * @return 200 OK with the session; 400 for a malformed id; 404 when there is none
     */
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        SessionKey key = SessionIds.parse(id);
        DispatchSession session = get(DispatchService.class).session(key)
                .orElseThrow(() -> new ItemNotFoundException("session " + id + " does not exist"));
        return ok(codec(DispatchSession.class).encode(session, this)).build();
    }

    /**
     * Terminates a session (or a pending client lock) on every dispatcher.
     *
     * @param id protocol-client-clientPort-vip-vipPort
     * @return 204 NO CONTENT; 400 for a malformed id; 404 when there is none
     */
    @DELETE
    @Path("{id}")
    public Response terminate(@PathParam("id") String id) {
        SessionKey key = SessionIds.parse(id);
        if (!get(DispatchAdminService.class).terminate(key)) {
            throw new ItemNotFoundException("session " + id + " does not exist");
        }
        return Response.noContent().build();
    }
}
