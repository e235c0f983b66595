package dev.switchboard.onos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Table;
import dev.switchboard.onos.rest.ServicesApi;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code sb-services}: list; {@code add NAME --vip IP --port N [--protocol tcp|udp] --group G}; {@code remove NAME}.
 * The standalone CLI's {@code switchboard services}.
 */
@Service
@Command(scope = "onos", name = "sb-services", description = "Lists Switchboard services; add or remove one")
public class ServicesCommand extends SwitchboardCommand {
    @Argument(index = 0, name = "action", description = "add or remove; omit to list")
    String action;

    @Argument(index = 1, name = "name", description = "Service name")
    String name;

    @Option(name = "--vip", description = "add: the virtual address")
    String vip;

    @Option(name = "--port", description = "add: the service port")
    String port;

    @Option(name = "--protocol", description = "add: tcp (default) or udp")
    String protocol = "tcp";

    @Option(name = "--group", description = "add: the server group that serves it")
    String group;

    @Override
    void run() {
        ServicesApi api = new ServicesApi(dispatch());
        if (action == null) {
            ObjectNode answer = api.list();
            print(answer, () -> {
                Table table = new Table("NAME", "VIP", "PROTOCOL", "PORT#", "GROUP");
                for (JsonNode s : answer.get("services")) {
                    table.row(text(s, "name"), text(s, "vip"), text(s, "protocol"), text(s, "port"),
                            text(s, "group"));
                }
                print(table);
            });
            return;
        }
        String service = require(name, "name", "sb-services " + action + " NAME");
        switch (action) {
            case "add": {
                ObjectNode body = body().put("name", service);
                if (vip != null) {
                    body.put("vip", vip);
                }
                body.put("protocol", protocol);
                if (port != null) {
                    putInteger(body, "port", port);
                }
                if (group != null) {
                    body.put("group", group);
                }
                ObjectNode s = api.create(body);
                print(s, () -> print("service %s added: %s:%s/%s -> group %s", service, text(s, "vip"),
                        text(s, "port"), text(s, "protocol"), text(s, "group")));
                break;
            }
            case "remove":
                api.delete(service);
                if (!outputJson()) {
                    print("service %s removed", service);
                }
                break;
            default:
                throw unknownAction(action, "add, remove");
        }
    }
}
