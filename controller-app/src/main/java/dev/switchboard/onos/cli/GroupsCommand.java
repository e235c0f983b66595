package dev.switchboard.onos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Table;
import dev.switchboard.onos.rest.GroupsApi;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.List;

/**
 * {@code sb-groups}: list; {@code add NAME [SERVER...]}; {@code remove NAME}; {@code add-server GROUP SERVER};
 * {@code remove-server GROUP SERVER}. The standalone CLI's {@code switchboard groups}.
 */
@Service
@Command(scope = "onos", name = "sb-groups",
        description = "Lists Switchboard server groups; add or remove one; add or remove a member")
public class GroupsCommand extends SwitchboardCommand {
    private static final String ACTIONS = "add, remove, add-server, remove-server";

    @Argument(index = 0, name = "action", description = ACTIONS + "; omit to list")
    String action;

    @Argument(index = 1, name = "names", description = "The group, then servers", multiValued = true)
    List<String> names;

    @Override
    void run() {
        GroupsApi api = new GroupsApi(dispatch());
        if (action == null) {
            ObjectNode answer = api.list();
            print(answer, () -> {
                Table table = new Table("NAME", "SERVERS", "SERVICES");
                for (JsonNode g : answer.get("groups")) {
                    table.row(text(g, "name"), list(g, "servers"), list(g, "services"));
                }
                print(table);
            });
            return;
        }
        List<String> args = names == null ? List.of() : names;
        String group = require(args.isEmpty() ? null : args.get(0), "name", "sb-groups " + action + " NAME ...");
        switch (action) {
            case "add": {
                ObjectNode body = body().put("name", group);
                ArrayNode members = body.putArray("servers");
                args.subList(1, args.size()).forEach(members::add);
                changed("added", api.create(body));
                break;
            }
            case "remove":
                api.delete(group);
                if (!outputJson()) {
                    print("group %s removed", group);
                }
                break;
            case "add-server":
                changed("changed", api.addMember(group, server(args), null));
                break;
            case "remove-server":
                changed("changed", api.removeMember(group, server(args)));
                break;
            default:
                throw unknownAction(action, ACTIONS);
        }
    }

    private String server(List<String> args) {
        return require(args.size() < 2 ? null : args.get(1), "server", "sb-groups " + action + " GROUP SERVER");
    }

    private void changed(String what, ObjectNode group) {
        print(group, () -> print("group %s %s: servers %s", text(group, "name"), what, list(group, "servers")));
    }
}
