package dev.switchboard.onos.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.onos.api.DispatchSession;
import dev.switchboard.onos.rest.DispatchSessionCodec;
import dev.switchboard.onos.rest.SessionIds;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.ArrayList;
import java.util.List;

/** Lists the sessions of the distributed dispatch table. */
@Service
@Command(scope = "onos", name = "sb-sessions", description = "Lists Switchboard sessions")
public class SessionsCommand extends SwitchboardCommand {
    @Option(name = "--server", description = "Only sessions on this server")
    String server;

    @Option(name = "--client", description = "Only sessions of this client address")
    String client;

    @Override
    protected void doExecute() {
        Integer clientAddress = client == null ? null : Ipv4.parse(client);
        List<DispatchSession> sessions = new ArrayList<>(dispatch().sessions());
        sessions.removeIf(s -> (server != null && !server.equals(s.server()))
                || (clientAddress != null && s.key().clientAddress() != clientAddress));
        if (outputJson()) {
            ArrayNode array = mapper().createArrayNode();
            DispatchSessionCodec codec = new DispatchSessionCodec();
            sessions.forEach(s -> array.add(codec.encode(s, this)));
            print("%s", array);
            return;
        }
        print("%-44s %-12s %10s %8s", "SESSION", "SERVER", "DISPATCHER", "STAMP");
        for (DispatchSession s : sessions) {
            print("%-44s %-12s %10d %8s", SessionIds.format(s.key()), s.server(), s.owner(),
                    dev.switchboard.dispatch.table.Stamp.format(s.stamp()));
        }
        print("%d session(s)", sessions.size());
    }
}
