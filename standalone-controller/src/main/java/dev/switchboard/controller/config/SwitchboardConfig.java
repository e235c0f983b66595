package dev.switchboard.controller.config;

import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.ServiceId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole, validated configuration of a standalone controller (docs/config.md). Immutable; instances
 * come from {@link ConfigLoader}, which guarantees every cross-reference holds, so consumers need not
 * re-check that a service's group exists or that a trunk link names a dispatcher.
 *
 * @param openflow where switches connect
 * @param rest the northbound API
 * @param dispatch dispatch behaviour
 * @param router the router switch
 * @param dispatchers the dispatchers, in configuration order
 * @param san the SAN switch
 * @param servers the servers, in configuration order (their catalog index is their position)
 * @param groups the server groups
 * @param services the services
 */
public record SwitchboardConfig(OpenFlowConfig openflow, RestConfig rest, DispatchConfig dispatch,
                                RouterConfig router, List<DispatcherConfig> dispatchers, SanConfig san,
                                List<ServerConfig> servers, List<GroupConfig> groups,
                                List<ServiceConfig> services) {

    /** Copies the lists so that the record is immutable. */
    public SwitchboardConfig {
        dispatchers = List.copyOf(dispatchers);
        servers = List.copyOf(servers);
        groups = List.copyOf(groups);
        services = List.copyOf(services);
    }

    /** @return the dispatcher with this id, if configured */
    public Optional<DispatcherConfig> dispatcher(int id) {
        return dispatchers.stream().filter(d -> d.id() == id).findFirst();
    }

    /** @return the dispatcher whose switch has this datapath id, if any */
    public Optional<DispatcherConfig> dispatcherAt(long dpid) {
        return dispatchers.stream().filter(d -> d.dpid() == dpid).findFirst();
    }

    /** @return the role of the switch with this datapath id, or empty for a switch the file does not know */
    public Optional<SwitchRole> roleOf(long dpid) {
        if (router.dpid() == dpid) {
            return Optional.of(SwitchRole.ROUTER);
        }
        if (san.dpid() == dpid) {
            return Optional.of(SwitchRole.SAN);
        }
        return dispatcherAt(dpid).map(d -> SwitchRole.DISPATCHER);
    }

    /**
     * Builds the dispatch model of this configuration. Server indexes follow the order of
     * {@link #servers()}, so the first server has index 0.
     *
     * @return a new catalog with every server, group and service
     * @throws IllegalArgumentException only if dispatch-core rejects what {@link ConfigLoader} accepted
     */
    public ServiceCatalog serviceCatalog() {
        ServiceCatalog catalog = ServiceCatalog.empty();
        Map<String, Integer> indexes = new HashMap<>();
        for (ServerConfig s : servers) {
            catalog = catalog.withNewServer(s.name(), s.ip(), s.mac(), s.weight());
            indexes.put(s.name(), catalog.server(s.name()).index());
        }
        for (GroupConfig g : groups) {
            List<Integer> members = new ArrayList<>(g.servers().size());
            for (String member : g.servers()) {
                members.add(indexes.get(member));
            }
            catalog = catalog.withGroup(ServerGroup.of(g.name(), members));
        }
        for (ServiceConfig s : services) {
            ServiceId id = ServiceId.of(s.vip(), s.protocol(), s.port());
            catalog = catalog.withService(Service.of(s.name(), id, s.group()));
        }
        return catalog;
    }
}
