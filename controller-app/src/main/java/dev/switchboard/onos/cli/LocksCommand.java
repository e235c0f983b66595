package dev.switchboard.onos.cli;

import dev.switchboard.onos.api.DispatchSession;
import dev.switchboard.onos.rest.SessionIds;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.List;

/** Lists pending client locks. */
@Service
@Command(scope = "onos", name = "sb-locks", description = "Lists Switchboard client locks")
public class LocksCommand extends SwitchboardCommand {
    @Override
    protected void doExecute() {
        List<DispatchSession> locks = dispatch().locks();
        print("%-44s %10s", "SESSION", "LOCKED BY");
        for (DispatchSession l : locks) {
            print("%-44s %10d", SessionIds.format(l.key()), l.owner());
        }
        print("%d lock(s)", locks.size());
    }
}
