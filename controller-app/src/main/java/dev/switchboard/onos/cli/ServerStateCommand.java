package dev.switchboard.onos.cli;

import dev.switchboard.onos.config.TopologyCodec;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Drains, disables or enables a server. */
@Service
@Command(scope = "onos", name = "sb-server-state",
        description = "Sets a Switchboard server's state: active, draining (no new sessions) or down")
public class ServerStateCommand extends SwitchboardCommand {
    @Argument(index = 0, name = "server", description = "Server name", required = true)
    String server;

    @Argument(index = 1, name = "state", description = "active, draining or down", required = true)
    String state;

    @Override
    protected void doExecute() {
        dispatch().setServerState(server, TopologyCodec.state(state, "state"));
        print("%s is %s", server, state);
    }
}
