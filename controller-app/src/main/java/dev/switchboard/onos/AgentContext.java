package dev.switchboard.onos;

import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.NanoClock;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.onos.api.DispatchStore;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.packet.PacketService;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** What every {@link DispatcherAgent} of this node shares: services, clocks and the current configuration. */
final class AgentContext {
    final ApplicationId appId;
    final String node;
    final DispatchStore store;
    final FlowRuleService flowRules;
    final PacketService packets;
    final RuleTranslator translator;
    final Supplier<ServiceCatalog> catalog;
    final Supplier<DispatchSettings> settings;
    final LongSupplier liveMembers;
    final NanoClock clock;
    final LongSupplier wallMillis;
    final LongSupplier incarnation;

    AgentContext(ApplicationId appId, String node, DispatchStore store, FlowRuleService flowRules,
                 PacketService packets, Supplier<ServiceCatalog> catalog, Supplier<DispatchSettings> settings,
                 LongSupplier liveMembers, NanoClock clock, LongSupplier wallMillis, LongSupplier incarnation) {
        this.appId = appId;
        this.node = node;
        this.store = store;
        this.flowRules = flowRules;
        this.packets = packets;
        this.translator = new RuleTranslator(appId);
        this.catalog = catalog;
        this.settings = settings;
        this.liveMembers = liveMembers;
        this.clock = clock;
        this.wallMillis = wallMillis;
        this.incarnation = incarnation;
    }
}
