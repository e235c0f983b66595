package dev.switchboard.onos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Table;
import dev.switchboard.onos.rest.SessionsApi;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sb-sessions}: list (filtered, paged), {@code show KEY}, {@code terminate KEY}; the standalone CLI's
 * {@code switchboard sessions}.
 */
@Service
@Command(scope = "onos", name = "sb-sessions",
        description = "Lists Switchboard sessions (filtered, paged); 'show KEY' or 'terminate KEY' one")
public class SessionsCommand extends SwitchboardCommand {
    private static final String USAGE = "sb-sessions [show|terminate KEY]";

    @Argument(index = 0, name = "action", description = "show or terminate; omit to list")
    String action;

    @Argument(index = 1, name = "key", description = "protocol-client-clientPort-vip-vipPort")
    String key;

    @Option(name = "--service", description = "Only this service's sessions")
    String service;

    @Option(name = "--server", description = "Only sessions on this server")
    String server;

    @Option(name = "--client", description = "Only this client's sessions")
    String client;

    @Option(name = "--dispatcher", description = "Only sessions placed by this dispatcher")
    String dispatcher;

    @Option(name = "--limit", description = "Page size (default 100, at most 1000)")
    String limit;

    @Option(name = "--offset", description = "Skip this many sessions")
    String offset;

    @Option(name = "--cursor", description = "Continue after this session (the next-page hint)")
    String cursor;

    @Option(name = "--all", description = "Follow the pages to the end")
    boolean all;

    @Override
    void run() {
        SessionsApi api = new SessionsApi(dispatch());
        if (action == null) {
            list(api);
        } else if (action.equals("show")) {
            ObjectNode s = api.get(require(key, "key", USAGE));
            print(s, () -> {
                Table table = new Table("FIELD", "VALUE");
                Iterator<String> fields = s.fieldNames();
                while (fields.hasNext()) {
                    String field = fields.next();
                    JsonNode v = s.get(field);
                    table.row(field, v.isNull() ? "-" : v.isArray() ? list(s, field) : v.asText());
                }
                print(table);
            });
        } else if (action.equals("terminate")) {
            api.terminate(require(key, "key", USAGE));
            if (!outputJson()) {
                print("session %s terminated", key);
            }
        } else {
            throw unknownAction(action, "show, terminate");
        }
    }

    private void list(SessionsApi api) {
        Map<String, String> query = new LinkedHashMap<>();
        put(query, "service", service);
        put(query, "server", server);
        put(query, "client", client);
        put(query, "dispatcher", dispatcher);
        put(query, "limit", limit);
        put(query, "offset", offset);
        put(query, "cursor", cursor);
        ObjectNode page = api.list(query);
        ArrayNode sessions = page.get("sessions").deepCopy();
        while (all && !page.get("nextCursor").isNull()) {
            query.remove("offset");
            query.put("cursor", page.get("nextCursor").asText());
            page = api.list(query);
            sessions.addAll((ArrayNode) page.get("sessions"));
        }
        ObjectNode answer = page.deepCopy();
        answer.set("sessions", sessions);
        if (all) {
            answer.putNull("nextCursor");
        }
        print(answer, () -> human(answer));
    }

    private static void put(Map<String, String> query, String name, String value) {
        if (value != null) {
            query.put(name, value);
        }
    }

    private void human(ObjectNode page) {
        Table table = new Table("KEY", "SERVICE", "SERVER", "PLACED BY#", "STATE");
        for (JsonNode s : page.get("sessions")) {
            table.row(text(s, "key"), text(s, "service"), text(s, "server"), s.get("placedBy").asInt(), state(s));
        }
        print(table);
        String source = page.get("source").isNull() ? "no dispatcher runs on this node"
                : "this node's replica; dispatcher " + page.get("source").asInt() + " runs here";
        print("%d of %d sessions (%s)", table.size(), page.get("total").asInt(), source);
        if (!page.get("nextCursor").isNull()) {
            print("next page: --cursor %s", page.get("nextCursor").asText());
        }
    }

    /** @return how the session stands: open, client-fin, server-fin, closing or reset, and where it is idle */
    static String state(JsonNode s) {
        List<String> parts = new ArrayList<>();
        if (s.get("reset").asBoolean()) {
            parts.add("reset");
        } else if (s.get("clientFin").asBoolean() && s.get("serverFin").asBoolean()) {
            parts.add("closing");
        } else if (s.get("clientFin").asBoolean()) {
            parts.add("client-fin");
        } else if (s.get("serverFin").asBoolean()) {
            parts.add("server-fin");
        } else {
            parts.add("open");
        }
        if (s.get("idleOn").size() > 0) {
            parts.add("idle on " + list(s, "idleOn"));
        }
        return String.join(", ", parts);
    }
}
