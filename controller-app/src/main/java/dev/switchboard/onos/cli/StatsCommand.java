package dev.switchboard.onos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Table;
import dev.switchboard.onos.rest.DispatchersApi;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code sb-stats}: sessions and placement rate, then the dispatchers, then the servers. */
@Service
@Command(scope = "onos", name = "sb-stats", description = "Shows Switchboard statistics")
public class StatsCommand extends SwitchboardCommand {
    @Override
    void run() {
        ObjectNode s = new DispatchersApi(dispatch()).stats();
        print(s, () -> {
            JsonNode totals = s.get("totals");
            print("active sessions %d, placed %.1f/s, locks held %d, lock waits %d, fallback drops %d",
                    s.get("activeSessions").asInt(), s.get("sessionsPlacedPerSecond").asDouble(),
                    s.get("locksHeld").asInt(), totals.get("lockRedirects").asLong(),
                    totals.get("fallbackDrops").asLong());
            print("");
            print(DispatchersCommand.table(s.get("dispatchers")));
            print("");
            Table servers = new Table("SERVER", "GROUP", "STATE", "WEIGHT#", "LOAD#", "SESSIONS#");
            for (JsonNode v : s.get("servers")) {
                servers.row(text(v, "name"), text(v, "group"), text(v, "state"), v.get("weight").asInt(),
                        String.format("%.2f", v.get("load").asDouble()), v.get("activeSessions").asInt());
            }
            print(servers);
        });
    }
}
