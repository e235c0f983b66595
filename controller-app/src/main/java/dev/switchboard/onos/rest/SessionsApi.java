package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;
import dev.switchboard.api.QueryParameters;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.onos.api.DispatchAdminService;
import dev.switchboard.onos.api.DispatchSession;
import dev.switchboard.onos.api.RegisterKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code /sessions} and {@code /locks}: this node's replica of the distributed dispatch table, which holds every
 * session of every dispatcher. For the REST resource and the CLI alike.
 */
public final class SessionsApi {
    /** The query parameters of {@code GET /sessions}. */
    public static final Set<String> LIST_PARAMETERS =
            Set.of("service", "server", "client", "dispatcher", "limit", "offset", "cursor");
    /** The query parameters of {@code GET /locks}. */
    public static final Set<String> LOCK_PARAMETERS = Set.of("limit");

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int MAX_OFFSET = 10_000;
    private static final int MAX_DISPATCHER_ID = 63;

    private final DispatchAdminService dispatch;

    public SessionsApi(DispatchAdminService dispatch) {
        this.dispatch = dispatch;
    }

    /**
     * One page of the sessions that match the filters, in key order (client address, client port, service port,
     * VIP, protocol). {@code total} counts every match; {@code nextCursor} continues after the page.
     *
     * @param query the parameters of {@link #LIST_PARAMETERS}, already checked for unknown and repeated names
     * @return {@code SessionPage}
     */
    public ObjectNode list(Map<String, String> query) {
        ServiceCatalog c = dispatch.catalog();
        Predicate<DispatchSession> filter = s -> true;
        String serviceName = query.get("service");
        if (serviceName != null) {
            Service service = c.service(serviceName);
            if (service == null) {
                throw new ApiException(ErrorCode.UNKNOWN_REFERENCE, "service", "service: '" + serviceName
                        + "' does not exist");
            }
            filter = filter.and(s -> s.key().vip() == service.id().vip() && s.key().vipPort() == service.id().port()
                    && s.key().protocol() == service.id().protocol());
        }
        String serverName = query.get("server");
        if (serverName != null) {
            if (c.server(serverName) == null) {
                throw new ApiException(ErrorCode.UNKNOWN_REFERENCE, "server", "server: '" + serverName
                        + "' does not exist");
            }
            filter = filter.and(s -> serverName.equals(s.server()));
        }
        if (query.get("client") != null) {
            int client;
            try {
                client = JsonFields.parseIpv4("client", query.get("client"));
            } catch (ApiException e) {
                throw ApiException.parameter("client", e.getMessage());
            }
            filter = filter.and(s -> s.key().clientAddress() == client);
        }
        if (query.get("dispatcher") != null) {
            int placedBy = QueryParameters.integer("dispatcher", query.get("dispatcher"), 0, MAX_DISPATCHER_ID);
            filter = filter.and(s -> s.owner() == placedBy);
        }
        int limit = QueryParameters.integer(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = QueryParameters.integer(query, "offset", 0, 0, MAX_OFFSET);
        SessionKey after = null;
        if (query.get("cursor") != null) {
            if (query.get("offset") != null) {
                throw ApiException.parameter("cursor", "cursor: use offset or cursor, not both");
            }
            after = ApiException.parseParameter("cursor", query.get("cursor"), SessionKey::parse);
        }
        int total = 0;
        int afterCursor = 0;
        List<DispatchSession> page = new ArrayList<>();
        for (DispatchSession s : dispatch.sessions()) {
            if (!filter.test(s)) {
                continue;
            }
            total++;
            if (after != null && DispatchSession.compareKeys(s.key(), after) <= 0) {
                continue;
            }
            afterCursor++;
            if (afterCursor > offset && page.size() < limit) {
                page.add(s);
            }
        }
        ObjectNode root = ApiViews.MAPPER.createObjectNode();
        ArrayNode sessions = root.putArray("sessions");
        page.forEach(s -> sessions.add(ApiViews.session(s, c)));
        root.put("total", total).put("limit", limit).put("offset", offset);
        if (afterCursor > offset + page.size() && !page.isEmpty()) {
            root.put("nextCursor", page.get(page.size() - 1).key().toKeyString());
        } else {
            root.putNull("nextCursor");
        }
        putSource(root);
        return root;
    }

    /** @throws ApiException 400 for a malformed key, 404 when there is no such session */
    public ObjectNode get(String keyText) {
        SessionKey key = ApiException.parseParameter("key", keyText, SessionKey::parse);
        DispatchSession session = dispatch.session(key).filter(s -> s.kind() == RegisterKind.ENTRY)
                .orElseThrow(() -> missing(key));
        return ApiViews.session(session, dispatch.catalog());
    }

    /**
     * Terminates a session (or a client lock) on every dispatcher.
     *
     * @throws ApiException 400 for a malformed key, 404 when there is no such session
     */
    public void terminate(String keyText) {
        SessionKey key = ApiException.parseParameter("key", keyText, SessionKey::parse);
        if (!dispatch.terminate(key)) {
            throw missing(key);
        }
    }

    /**
     * @param query the parameters of {@link #LOCK_PARAMETERS}
     * @return {@code {"locks": [Lock], "total", "source"}}, the first {@code limit} in key order
     */
    public ObjectNode locks(Map<String, String> query) {
        int limit = QueryParameters.integer(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<DispatchSession> locks = dispatch.locks();
        ServiceCatalog c = dispatch.catalog();
        ObjectNode root = ApiViews.MAPPER.createObjectNode();
        ArrayNode array = root.putArray("locks");
        locks.stream().limit(limit).forEach(l -> array.add(ApiViews.lock(l, c)));
        root.put("total", locks.size());
        putSource(root);
        return root;
    }

    private void putSource(ObjectNode root) {
        Integer source = ApiViews.source(dispatch.dispatchers());
        if (source == null) {
            root.putNull("source");
        } else {
            root.put("source", source);
        }
    }

    private static ApiException missing(SessionKey key) {
        return ApiException.notFound("session '" + key.toKeyString() + "' does not exist");
    }
}
