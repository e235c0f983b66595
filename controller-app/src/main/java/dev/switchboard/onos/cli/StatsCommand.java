package dev.switchboard.onos.cli;

import dev.switchboard.onos.api.DispatchStatistics;
import dev.switchboard.onos.rest.DispatchStatisticsCodec;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Shows table totals, sessions per server and this node's dispatcher counters. */
@Service
@Command(scope = "onos", name = "sb-stats", description = "Shows Switchboard statistics")
public class StatsCommand extends SwitchboardCommand {
    @Override
    protected void doExecute() {
        DispatchStatistics stats = dispatch().statistics();
        if (outputJson()) {
            print("%s", new DispatchStatisticsCodec().encode(stats, this));
            return;
        }
        print("active sessions: %d", stats.sessions());
        print("client locks:    %d", stats.locks());
        print("tombstones:      %d", stats.tombstones());
        stats.sessionsPerServer().forEach((server, n) -> print("  %-12s %8d", server, n));
        stats.localCounters().forEach((counter, n) -> print("  %-22s %12d", counter, n));
    }
}
