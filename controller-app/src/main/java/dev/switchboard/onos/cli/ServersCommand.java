package dev.switchboard.onos.cli;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.onos.config.ServerSpec;
import dev.switchboard.onos.config.SwitchboardTopology;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Lists the servers with their state and active sessions. */
@Service
@Command(scope = "onos", name = "sb-servers", description = "Lists Switchboard servers")
public class ServersCommand extends SwitchboardCommand {
    @Override
    protected void doExecute() {
        List<ServerSpec> servers = dispatch().topology().map(SwitchboardTopology::servers).orElse(List.of());
        Map<String, Integer> active = dispatch().statistics().sessionsPerServer();
        print("%-12s %-16s %6s %-9s %8s", "SERVER", "ADDRESS", "WEIGHT", "STATE", "SESSIONS");
        for (ServerSpec s : servers) {
            print("%-12s %-16s %6d %-9s %8d", s.name(), Ipv4.format(s.ip()), s.weight(),
                    s.state().name().toLowerCase(Locale.ROOT), active.getOrDefault(s.name(), 0));
        }
    }
}
