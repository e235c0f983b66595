package dev.switchboard.onos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Table;
import dev.switchboard.onos.rest.DispatchersApi;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code sb-dispatchers}: every configured dispatcher, its switch, trunk, table and counters, and its master. */
@Service
@Command(scope = "onos", name = "sb-dispatchers",
        description = "Lists Switchboard dispatchers: switch, trunk, table, counters and the node that runs each")
public class DispatchersCommand extends SwitchboardCommand {
    @Override
    void run() {
        ObjectNode answer = new DispatchersApi(dispatch()).list();
        print(answer, () -> print(table(answer.get("dispatchers"))));
    }

    /** @return the dispatchers as the standalone CLI shows them, plus the ONOS node that masters each */
    static Table table(JsonNode dispatchers) {
        Table table = new Table("ID#", "DPID", "SWITCH", "TRUNK", "SESSIONS#", "LOCKS#", "PLACED#", "FORWARDED#",
                "LOCK WAITS#", "FALLBACK DROPS#", "MASTER");
        for (JsonNode d : dispatchers) {
            JsonNode c = d.get("counters");
            boolean local = d.get("local").asBoolean();
            String sw = !d.get("connected").asBoolean() ? "disconnected"
                    : !local ? "elsewhere" : d.get("ready").asBoolean() ? "ready" : "syncing";
            table.row(d.get("id").asInt(), text(d, "dpid"), sw, d.get("trunkUp").asBoolean() ? "up" : "down",
                    local ? d.get("tableSize").asText() : "-", local ? d.get("locksHeld").asText() : "-",
                    local ? c.get("sessionsPlaced").asText() : "-", local ? c.get("forwardedByEntry").asText() : "-",
                    local ? c.get("lockRedirects").asText() : "-", local ? c.get("fallbackDrops").asText() : "-",
                    text(d, "master"));
        }
        return table;
    }
}
