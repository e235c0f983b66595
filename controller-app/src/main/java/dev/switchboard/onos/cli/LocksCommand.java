package dev.switchboard.onos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Table;
import dev.switchboard.onos.rest.SessionsApi;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.HashMap;
import java.util.Map;

/** {@code sb-locks}: clients whose server is being selected right now. */
@Service
@Command(scope = "onos", name = "sb-locks", description = "Lists Switchboard client locks")
public class LocksCommand extends SwitchboardCommand {
    @Option(name = "--limit", description = "At most this many (default 100)")
    String limit;

    @Override
    void run() {
        Map<String, String> query = new HashMap<>();
        if (limit != null) {
            query.put("limit", limit);
        }
        ObjectNode answer = new SessionsApi(dispatch()).locks(query);
        print(answer, () -> {
            Table table = new Table("KEY", "SERVICE", "LOCKED BY#");
            for (JsonNode l : answer.get("locks")) {
                table.row(text(l, "key"), text(l, "service"), l.get("lockedBy").asInt());
            }
            print(table);
            print("%d of %d locks", table.size(), answer.get("total").asInt());
        });
    }
}
