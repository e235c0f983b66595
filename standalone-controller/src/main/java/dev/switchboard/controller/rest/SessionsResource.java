package dev.switchboard.controller.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;
import dev.switchboard.controller.dispatch.LockPage;
import dev.switchboard.controller.dispatch.SessionPage;
import dev.switchboard.controller.dispatch.SessionQuery;
import dev.switchboard.controller.dispatch.SwitchboardService;
import dev.switchboard.dispatch.model.DispatcherId;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.ServiceId;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.table.SessionEntry;

import java.util.Optional;
import java.util.Set;

/** {@code /sessions} and {@code /locks}: the dispatch table, read from one dispatcher (they mirror). */
final class SessionsResource {
    private static final Set<String> LIST_PARAMETERS =
            Set.of("service", "server", "client", "dispatcher", "limit", "offset", "cursor");

    private final SwitchboardService service;

    SessionsResource(SwitchboardService service) {
        this.service = service;
    }

    void register(Router router) {
        router.add("GET", "/api/v1/sessions", LIST_PARAMETERS, this::list)
                .add("GET", "/api/v1/sessions/{key}", this::get)
                .add("DELETE", "/api/v1/sessions/{key}", this::terminate)
                .add("GET", "/api/v1/locks", Set.of("limit"), this::locks);
    }

    private Response list(Request r) {
        ServiceCatalog c = service.catalog();
        ServiceId serviceId = null;
        if (r.query("service") != null) {
            Service s = c.service(r.query("service"));
            if (s == null) {
                throw new ApiException(ErrorCode.UNKNOWN_REFERENCE, "service", "service: '" + r.query("service")
                        + "' does not exist");
            }
            serviceId = s.id();
        }
        Integer serverIndex = null;
        if (r.query("server") != null) {
            Server s = c.server(r.query("server"));
            if (s == null) {
                throw new ApiException(ErrorCode.UNKNOWN_REFERENCE, "server", "server: '" + r.query("server")
                        + "' does not exist");
            }
            serverIndex = s.index();
        }
        Integer client = null;
        if (r.query("client") != null) {
            try {
                client = JsonFields.parseIpv4("client", r.query("client"));
            } catch (ApiException e) {
                throw ApiException.parameter("client", e.getMessage());
            }
        }
        Integer dispatcher = r.query("dispatcher") == null ? null
                : r.queryInt("dispatcher", 0, 0, DispatcherId.MAX);
        int limit = r.queryInt("limit", SessionQuery.DEFAULT_LIMIT, 1, SessionQuery.MAX_LIMIT);
        int offset = r.queryInt("offset", 0, 0, SessionQuery.MAX_OFFSET);
        SessionKey after = null;
        if (r.query("cursor") != null) {
            if (r.query("offset") != null) {
                throw ApiException.parameter("cursor", "cursor: use offset or cursor, not both");
            }
            after = ApiException.parseParameter("cursor", r.query("cursor"), SessionKey::parse);
        }
        SessionPage page = Await.result(service.sessions(new SessionQuery(serviceId, serverIndex, client, dispatcher,
                limit, offset, after)));
        ServiceCatalog now = service.catalog();
        JsonArray sessions = new JsonArray();
        page.sessions().forEach(e -> sessions.add(Views.session(e, now)));
        JsonObject root = new JsonObject();
        root.add("sessions", sessions);
        root.addProperty("total", page.total());
        root.addProperty("limit", limit);
        root.addProperty("offset", offset);
        root.addProperty("nextCursor", page.more() && !page.sessions().isEmpty()
                ? page.sessions().get(page.sessions().size() - 1).key().toKeyString() : null);
        root.addProperty("source", page.source());
        return Response.ok(root);
    }

    private Response get(Request r) {
        SessionKey key = ApiException.parseParameter("key", r.path("key"), SessionKey::parse);
        Optional<SessionEntry> entry = Await.result(service.session(key));
        return Response.ok(Views.session(entry.orElseThrow(() -> ApiException.notFound("session '"
                + key.toKeyString() + "' does not exist")), service.catalog()));
    }

    private Response terminate(Request r) {
        SessionKey key = ApiException.parseParameter("key", r.path("key"), SessionKey::parse);
        if (!Await.result(service.terminate(key))) {
            throw ApiException.notFound("session '" + key.toKeyString() + "' does not exist");
        }
        return Response.noContent();
    }

    private Response locks(Request r) {
        int limit = r.queryInt("limit", SessionQuery.DEFAULT_LIMIT, 1, SessionQuery.MAX_LIMIT);
        LockPage page = Await.result(service.locks(limit));
        ServiceCatalog c = service.catalog();
        JsonArray locks = new JsonArray();
        page.locks().forEach(l -> locks.add(Views.lock(l, c)));
        JsonObject root = new JsonObject();
        root.add("locks", locks);
        root.addProperty("total", page.total());
        root.addProperty("source", page.source());
        return Response.ok(root);
    }
}
