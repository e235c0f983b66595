package dev.switchboard.controller.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.switchboard.api.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

/** {@code switchboard sessions}: list (filtered, paged), show, terminate. */
@Command(name = "sessions", description = "List sessions; show or terminate one.")
final class SessionsCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--service", paramLabel = "NAME", description = "only this service's sessions")
    String service;
    @Option(names = "--server", paramLabel = "NAME", description = "only sessions on this server")
    String server;
    @Option(names = "--client", paramLabel = "IP", description = "only this client's sessions")
    String client;
    @Option(names = "--dispatcher", paramLabel = "ID", description = "only sessions placed by this dispatcher")
    Integer dispatcher;
    @Option(names = "--limit", paramLabel = "N", description = "page size (default 100, at most 1000)")
    Integer limit;
    @Option(names = "--offset", paramLabel = "N", description = "skip this many sessions")
    Integer offset;
    @Option(names = "--cursor", paramLabel = "KEY", description = "continue after this session (the next-page hint)")
    String cursor;
    @Option(names = "--all", description = "follow the pages to the end")
    boolean all;

    @Override
    public Integer call() {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        add(query, "service", service);
        add(query, "server", server);
        add(query, "client", client);
        add(query, "dispatcher", dispatcher);
        add(query, "limit", limit);
        add(query, "offset", offset);
        JsonObject page = api().get("/sessions" + query + (cursor == null ? "" : sep(query) + "cursor="
                + CliClient.encode(cursor))).getAsJsonObject();
        JsonArray sessions = page.getAsJsonArray("sessions").deepCopy();
        while (all && !page.get("nextCursor").isJsonNull()) {
            page = api().get("/sessions" + query + sep(query) + "cursor="
                    + CliClient.encode(page.get("nextCursor").getAsString())).getAsJsonObject();
            sessions.addAll(page.getAsJsonArray("sessions"));
        }
        JsonObject answer = page.deepCopy();
        answer.add("sessions", sessions);
        if (all) {
            answer.add("nextCursor", JsonNull.INSTANCE);
        }
        print(answer, () -> human(answer));
        return 0;
    }

    private static String sep(StringJoiner query) {
        return query.length() == 0 ? "?" : "&";
    }

    private static void add(StringJoiner query, String name, Object value) {
        if (value != null) {
            query.add(name + "=" + CliClient.encode(value.toString()));
        }
    }

    private void human(JsonObject page) {
        Table table = new Table("KEY", "SERVICE", "SERVER", "PLACED BY#", "STATE");
        for (JsonElement e : page.getAsJsonArray("sessions")) {
            JsonObject s = e.getAsJsonObject();
            table.row(text(s, "key"), text(s, "service"), text(s, "server"), s.get("placedBy").getAsInt(), state(s));
        }
        table.print(out());
        String source = page.get("source").isJsonNull() ? "no dispatcher running"
                : "table of dispatcher " + page.get("source").getAsInt();
        out().println(table.size() + " of " + page.get("total").getAsInt() + " sessions (" + source + ")");
        if (!page.get("nextCursor").isJsonNull()) {
            out().println("next page: --cursor " + page.get("nextCursor").getAsString());
        }
    }

    static String state(JsonObject s) {
        List<String> parts = new ArrayList<>();
        if (s.get("reset").getAsBoolean()) {
            parts.add("reset");
        } else if (s.get("clientFin").getAsBoolean() && s.get("serverFin").getAsBoolean()) {
            parts.add("closing");
        } else if (s.get("clientFin").getAsBoolean()) {
            parts.add("client-fin");
        } else if (s.get("serverFin").getAsBoolean()) {
            parts.add("server-fin");
        } else {
            parts.add("open");
        }
        if (!s.getAsJsonArray("idleOn").isEmpty()) {
            parts.add("idle on " + list(s, "idleOn"));
        }
        return String.join(", ", parts);
    }

    @Command(name = "show", description = "Show one session.")
    int show(@Parameters(paramLabel = "KEY", description = "protocol-client-clientPort-vip-vipPort") String key) {
        JsonObject s = api().get("/sessions/" + CliClient.encode(key)).getAsJsonObject();
        print(s, () -> {
            Table table = new Table("FIELD", "VALUE");
            for (String field : s.keySet()) {
                JsonElement v = s.get(field);
                table.row(field, v.isJsonNull() ? "-" : v.isJsonArray() ? list(s, field) : v.getAsString());
            }
            table.print(out());
        });
        return 0;
    }

    @Command(name = "terminate", description = "End a session on every dispatcher.")
    int terminate(@Parameters(paramLabel = "KEY", description = "protocol-client-clientPort-vip-vipPort") String key) {
        api().send("DELETE", "/sessions/" + CliClient.encode(key), null);
        if (!json()) {
            out().println("session " + key + " terminated");
        }
        return 0;
    }
}
