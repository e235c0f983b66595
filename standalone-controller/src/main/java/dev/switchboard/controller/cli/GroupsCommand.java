package dev.switchboard.controller.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.switchboard.api.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code switchboard groups}: list, add, remove, add-server, remove-server. */
@Command(name = "groups", description = "List server groups; add or remove one; change members.")
final class GroupsCommand extends CliCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        JsonObject answer = api().get("/groups").getAsJsonObject();
        print(answer, () -> {
            Table table = new Table("NAME", "SERVERS", "SERVICES");
            for (JsonElement e : answer.getAsJsonArray("groups")) {
                JsonObject g = e.getAsJsonObject();
                table.row(text(g, "name"), list(g, "servers"), list(g, "services"));
            }
            table.print(out());
        });
        return 0;
    }

    private int changed(String what, JsonObject group) {
        print(group, () -> out().println("group " + text(group, "name") + " " + what + ": servers "
                + list(group, "servers")));
        return 0;
    }

    @Command(name = "add", description = "Add a group.")
    int add(@Parameters(index = "0", paramLabel = "NAME") String name,
            @Parameters(index = "1..*", arity = "0..*", paramLabel = "SERVER") List<String> servers) {
        JsonObject body = new JsonObject();
        body.addProperty("name", name);
        JsonArray members = new JsonArray();
        if (servers != null) {
            servers.forEach(members::add);
        }
        body.add("servers", members);
        return changed("added", api().send("POST", "/groups", body).getAsJsonObject());
    }

    @Command(name = "remove", description = "Remove a group that no service uses.")
    int remove(@Parameters(paramLabel = "NAME") String name) {
        api().send("DELETE", "/groups/" + CliClient.encode(name), null);
        if (!json()) {
            out().println("group " + name + " removed");
        }
        return 0;
    }

    @Command(name = "add-server", description = "Add a server to a group.")
    int addServer(@Parameters(paramLabel = "GROUP") String group, @Parameters(paramLabel = "SERVER") String server) {
        return changed("changed", api().send("PUT", "/groups/" + CliClient.encode(group) + "/servers/"
                + CliClient.encode(server), null).getAsJsonObject());
    }

    @Command(name = "remove-server", description = "Remove a server from a group; its sessions go on.")
    int removeServer(@Parameters(paramLabel = "GROUP") String group,
                     @Parameters(paramLabel = "SERVER") String server) {
        return changed("changed", api().send("DELETE", "/groups/" + CliClient.encode(group) + "/servers/"
                + CliClient.encode(server), null).getAsJsonObject());
    }
}
