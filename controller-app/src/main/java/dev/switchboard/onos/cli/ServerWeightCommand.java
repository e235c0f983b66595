package dev.switchboard.onos.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Sets a server's weight. */
@Service
@Command(scope = "onos", name = "sb-server-weight", description = "Sets a Switchboard server's weight")
public class ServerWeightCommand extends SwitchboardCommand {
    @Argument(index = 0, name = "server", description = "Server name", required = true)
    String server;

    @Argument(index = 1, name = "weight", description = "1 to 10000", required = true)
    int weight;

    @Override
    protected void doExecute() {
        dispatch().setServerWeight(server, weight);
        print("%s has weight %d", server, weight);
    }
}
