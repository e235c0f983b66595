package dev.switchboard.onos.cli;

import dev.switchboard.onos.api.DispatcherStatus;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Lists the dispatchers and which node runs each. */
@Service
@Command(scope = "onos", name = "sb-dispatchers", description = "Lists Switchboard dispatchers")
public class DispatchersCommand extends SwitchboardCommand {
    @Override
    protected void doExecute() {
        print("%-3s %-22s %-9s %-14s %-6s %8s %6s", "ID", "DEVICE", "SWITCH", "MASTER", "HERE", "SESSIONS", "LOCKS");
        for (DispatcherStatus d : dispatch().dispatchers()) {
            print("%-3d %-22s %-9s %-14s %-6s %8s %6s", d.id(), d.device(), d.available() ? "up" : "down",
                    d.master() == null ? "-" : d.master(), d.local() ? (d.ready() ? "ready" : "sync") : "no",
                    d.local() ? Integer.toString(d.sessions()) : "-", d.local() ? Integer.toString(d.locks()) : "-");
        }
    }
}
