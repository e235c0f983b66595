package dev.switchboard.onos.cli;

import dev.switchboard.onos.rest.SessionIds;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Terminates a session on every dispatcher. */
@Service
@Command(scope = "onos", name = "sb-terminate", description = "Terminates a Switchboard session")
public class TerminateSessionCommand extends SwitchboardCommand {
    @Argument(index = 0, name = "session", description = "protocol-client-clientPort-vip-vipPort",
            required = true)
    String session;

    @Override
    protected void doExecute() {
        if (dispatch().terminate(SessionIds.parse(session))) {
            print("terminated %s", session);
        } else {
            error("no session %s", session);
        }
    }
}
