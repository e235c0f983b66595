package dev.switchboard.controller.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.switchboard.api.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code switchboard services}: list, add, remove. */
@Command(name = "services", description = "List services; add or remove one.")
final class ServicesCommand extends CliCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        JsonObject answer = api().get("/services").getAsJsonObject();
        print(answer, () -> {
            Table table = new Table("NAME", "VIP", "PROTOCOL", "PORT#", "GROUP");
            for (JsonElement e : answer.getAsJsonArray("services")) {
                JsonObject s = e.getAsJsonObject();
                table.row(text(s, "name"), text(s, "vip"), text(s, "protocol"), text(s, "port"), text(s, "group"));
            }
            table.print(out());
        });
        return 0;
    }

    @Command(name = "add", description = "Add a service: VIP, protocol and port served by a group.")
    int add(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--vip", required = true, paramLabel = "IP") String vip,
            @Option(names = "--port", required = true, paramLabel = "PORT") int port,
            @Option(names = "--protocol", defaultValue = "tcp", paramLabel = "tcp|udp") String protocol,
            @Option(names = "--group", required = true, paramLabel = "GROUP") String group) {
        JsonObject body = new JsonObject();
        body.addProperty("name", name);
        body.addProperty("vip", vip);
        body.addProperty("protocol", protocol);
        body.addProperty("port", port);
        body.addProperty("group", group);
        JsonObject s = api().send("POST", "/services", body).getAsJsonObject();
        print(s, () -> out().println("service " + name + " added: " + text(s, "vip") + ":" + text(s, "port") + "/"
                + text(s, "protocol") + " -> group " + text(s, "group")));
        return 0;
    }

    @Command(name = "remove", description = "Remove a service.")
    int remove(@Parameters(paramLabel = "NAME") String name) {
        api().send("DELETE", "/services/" + CliClient.encode(name), null);
        if (!json()) {
            out().println("service " + name + " removed");
        }
        return 0;
    }
}
