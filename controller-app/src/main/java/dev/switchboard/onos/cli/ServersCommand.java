package dev.switchboard.onos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Table;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.onos.rest.ServersApi;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code sb-servers}: list; {@code show|drain|disable|enable|remove NAME}; {@code weight NAME N};
 * {@code load NAME X}; {@code add NAME --ip IP --san-port N [--mac MAC] [--weight N] [--group G]}. The standalone
 * CLI's {@code switchboard servers}.
 */
@Service
@Command(scope = "onos", name = "sb-servers",
        description = "Lists Switchboard servers; show, add, remove, drain, disable, enable, weight or load one")
public class ServersCommand extends SwitchboardCommand {
    private static final String ACTIONS = "show, add, remove, drain, disable, enable, weight, load";

    @Argument(index = 0, name = "action", description = ACTIONS + "; omit to list")
    String action;

    @Argument(index = 1, name = "name", description = "Server name")
    String name;

    @Argument(index = 2, name = "value", description = "The weight (1..10000) or the load (0.0..1.0)")
    String value;

    @Option(name = "--ip", description = "add: the server's address")
    String ip;

    @Option(name = "--san-port", description = "add: the SAN switch port it is cabled to")
    String sanPort;

    @Option(name = "--mac", description = "add: its MAC address")
    String mac;

    @Option(name = "--weight", description = "add: its weight (default 1)")
    String weight;

    @Option(name = "--group", description = "add: a group to join")
    String group;

    @Override
    void run() {
        ServersApi api = new ServersApi(dispatch());
        if (action == null) {
            ObjectNode answer = api.list();
            print(answer, () -> {
                Table table = new Table("NAME", "IP", "MAC", "SAN PORT#", "WEIGHT#", "STATE", "LOAD#", "SESSIONS#",
                        "GROUPS");
                for (JsonNode s : answer.get("servers")) {
                    table.row(text(s, "name"), text(s, "ip"), text(s, "mac"), text(s, "sanSwitchPort"),
                            text(s, "weight"), text(s, "state"), String.format("%.2f", s.get("load").asDouble()),
                            s.get("activeSessions").asInt(), list(s, "groups"));
                }
                print(table);
            });
            return;
        }
        String usage = "sb-servers " + action + " NAME";
        String server = require(name, "name", usage);
        switch (action) {
            case "show":
                changed("is", api.get(server));
                break;
            case "drain":
                changed("draining", api.state(server, ServerState.DRAINING, null));
                break;
            case "disable":
                changed("disabled", api.state(server, ServerState.DOWN, null));
                break;
            case "enable":
                changed("enabled", api.state(server, ServerState.ACTIVE, null));
                break;
            case "weight": {
                ObjectNode body = body();
                putInteger(body, "weight", require(value, "weight", "sb-servers weight NAME N"));
                changed("weighted", api.weight(server, body));
                break;
            }
            case "load": {
                ObjectNode body = body();
                String load = require(value, "load", "sb-servers load NAME X");
                try {
                    body.put("load", Double.parseDouble(load));
                } catch (NumberFormatException e) {
                    body.put("load", load);
                }
                changed("load reported", api.load(server, body));
                break;
            }
            case "add":
                changed("added", api.create(newServer(server)));
                break;
            case "remove":
                api.delete(server);
                if (!outputJson()) {
                    print("server %s removed", server);
                }
                break;
            default:
                throw unknownAction(action, ACTIONS);
        }
    }

    private ObjectNode newServer(String server) {
        ObjectNode body = body().put("name", server);
        if (ip != null) {
            body.put("ip", ip);
        }
        if (sanPort != null) {
            putInteger(body, "sanSwitchPort", sanPort);
        }
        if (mac != null) {
            body.put("mac", mac);
        }
        if (weight != null) {
            putInteger(body, "weight", weight);
        }
        if (group != null) {
            body.put("group", group);
        }
        return body;
    }

    private void changed(String what, ObjectNode server) {
        print(server, () -> print("server %s %s (state %s, weight %s, load %s, %d active sessions)",
                text(server, "name"), what, text(server, "state"), text(server, "weight"), text(server, "load"),
                server.get("activeSessions").asInt()));
    }
}
