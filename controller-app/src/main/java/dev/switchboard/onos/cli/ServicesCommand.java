package dev.switchboard.onos.cli;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.onos.config.ServiceSpec;
import dev.switchboard.onos.config.SwitchboardTopology;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.List;
import java.util.Locale;

/** Lists the balanced services. */
@Service
@Command(scope = "onos", name = "sb-services", description = "Lists Switchboard services")
public class ServicesCommand extends SwitchboardCommand {
    @Override
    protected void doExecute() {
        List<ServiceSpec> services = dispatch().topology().map(SwitchboardTopology::services).orElse(List.of());
        print("%-12s %-24s %-12s", "SERVICE", "ADDRESS", "GROUP");
        for (ServiceSpec s : services) {
            print("%-12s %-24s %-12s", s.name(), Ipv4.format(s.vip()) + ":" + s.port() + "/"
                    + s.protocol().name().toLowerCase(Locale.ROOT), s.group());
        }
    }
}
