package dev.switchboard.controller.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.switchboard.api.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code switchboard servers}: list, show, add, remove, drain, disable, enable, weight, load. */
@Command(name = "servers", description = "List servers; add, remove, drain, disable, enable, weigh, report load.")
final class ServersCommand extends CliCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        JsonObject answer = api().get("/servers").getAsJsonObject();
        print(answer, () -> {
            Table table = new Table("NAME", "IP", "MAC", "SAN PORT#", "WEIGHT#", "STATE", "LOAD#", "SESSIONS#",
                    "GROUPS");
            for (JsonElement e : answer.getAsJsonArray("servers")) {
                JsonObject s = e.getAsJsonObject();
                table.row(text(s, "name"), text(s, "ip"), text(s, "mac"), text(s, "sanSwitchPort"), text(s, "weight"),
                        text(s, "state"), String.format("%.2f", s.get("load").getAsDouble()),
                        s.get("activeSessions").getAsInt(), list(s, "groups"));
            }
            table.print(out());
        });
        return 0;
    }

    private int change(String what, JsonObject server) {
        print(server, () -> out().println("server " + text(server, "name") + " " + what + " (state "
                + text(server, "state") + ", weight " + text(server, "weight") + ", load " + text(server, "load")
                + ", " + server.get("activeSessions").getAsInt() + " active sessions)"));
        return 0;
    }

    private JsonObject post(String name, String action) {
        return api().send("POST", "/servers/" + CliClient.encode(name) + "/" + action, null).getAsJsonObject();
    }

    @Command(name = "show", description = "Show one server.")
    int show(@Parameters(paramLabel = "NAME") String name) {
        return change("is", api().get("/servers/" + CliClient.encode(name)).getAsJsonObject());
    }

    @Command(name = "drain", description = "No new sessions; existing ones finish.")
    int drain(@Parameters(paramLabel = "NAME") String name) {
        return change("draining", post(name, "drain"));
    }

    @Command(name = "disable", description = "No new sessions; existing ones are still forwarded.")
    int disable(@Parameters(paramLabel = "NAME") String name) {
        return change("disabled", post(name, "disable"));
    }

    @Command(name = "enable", description = "Take new sessions again.")
    int enable(@Parameters(paramLabel = "NAME") String name) {
        return change("enabled", post(name, "enable"));
    }

    @Command(name = "weight", description = "Set the weight (1..10000).")
    int weight(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "WEIGHT") int weight) {
        JsonObject body = new JsonObject();
        body.addProperty("weight", weight);
        return change("weighted",
                api().send("PUT", "/servers/" + CliClient.encode(name) + "/weight", body).getAsJsonObject());
    }

    @Command(name = "load", description = "Report the server's load, 0.0 (idle) to 1.0 (saturated).")
    int load(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "LOAD") double load) {
        JsonObject body = new JsonObject();
        body.addProperty("load", load);
        return change("load reported",
                api().send("PUT", "/servers/" + CliClient.encode(name) + "/load", body).getAsJsonObject());
    }

    @Command(name = "add", description = "Add an active server, optionally to a group.")
    int add(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--ip", required = true, paramLabel = "IP") String ip,
            @Option(names = "--san-port", required = true, paramLabel = "PORT",
                    description = "the SAN switch port it is cabled to") int sanPort,
            @Option(names = "--mac", paramLabel = "MAC", description = "learned by ARP when not given") String mac,
            @Option(names = "--weight", paramLabel = "N") Integer weight,
            @Option(names = "--group", paramLabel = "GROUP") String group) {
        JsonObject body = new JsonObject();
        body.addProperty("name", name);
        body.addProperty("ip", ip);
        body.addProperty("sanSwitchPort", sanPort);
        if (mac != null) {
            body.addProperty("mac", mac);
        }
        if (weight != null) {
            body.addProperty("weight", weight);
        }
        if (group != null) {
            body.addProperty("group", group);
        }
        return change("added", api().send("POST", "/servers", body).getAsJsonObject());
    }

    @Command(name = "remove", description = "Remove a server that no group lists.")
    int remove(@Parameters(paramLabel = "NAME") String name) {
        api().send("DELETE", "/servers/" + CliClient.encode(name), null);
        if (!json()) {
            out().println("server " + name + " removed");
        }
        return 0;
    }
}
