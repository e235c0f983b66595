package dev.switchboard.onos.config;

import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.ServiceId;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a configured topology into the {@link ServiceCatalog} the dispatchers read, keeping every surviving
 * server's catalog index. Dispatch tables store server indexes, so a server that stays must keep its index
 * across configuration changes; one whose address changed is a new server (new index).
 *
 * <p>Indexes are local to one ONOS node (each builds its own catalog): the distributed store carries server
 * names, never indexes, so nodes need not agree on them.
 */
public final class CatalogReconciler {
    private CatalogReconciler() {
    }

    /**
     * @param previous the catalog in use, or {@code null} for a fresh start
     * @param topology the new configuration
     * @return the new catalog; runtime load reports of surviving servers are kept
     * @throws IllegalArgumentException when the configuration is inconsistent (already prevented by the codec)
     */
    public static ServiceCatalog reconcile(ServiceCatalog previous, SwitchboardTopology topology) {
        ServiceCatalog catalog = previous == null ? ServiceCatalog.empty() : previous;
        // Tear down from the top (services, then groups) so that each intermediate catalog stays valid.
        for (Service s : new ArrayList<>(catalog.services())) {
            catalog = catalog.withoutService(s.name());
        }
        for (ServerGroup g : new ArrayList<>(catalog.groups())) {
            catalog = catalog.withoutGroup(g.name());
        }
        for (Server s : new ArrayList<>(catalog.servers())) {
            boolean keeps = topology.server(s.name()).map(spec -> spec.ip() == s.address()).orElse(false);
            if (!keeps) {
                catalog = catalog.withoutServer(s.name());
            }
        }
        for (ServerSpec spec : topology.servers()) {
            Server current = catalog.server(spec.name());
            if (current == null) {
                catalog = catalog.withNewServer(spec.name(), spec.ip(), spec.mac(), spec.weight());
                current = catalog.server(spec.name());
            }
            Server wanted = current.withWeight(spec.weight()).withMac(spec.mac()).withState(spec.state());
            if (!wanted.equals(current)) {
                catalog = catalog.withUpdatedServer(wanted);
            }
        }
        for (GroupSpec g : topology.groups()) {
            List<Integer> members = new ArrayList<>();
            for (String name : g.servers()) {
                members.add(catalog.server(name).index());
            }
            catalog = catalog.withGroup(ServerGroup.of(g.name(), members));
        }
        for (ServiceSpec s : topology.services()) {
            ServiceId id = ServiceId.of(s.vip(), s.protocol(), s.port());
            catalog = catalog.withService(Service.of(s.name(), id, s.group()));
        }
        return catalog;
    }
}
