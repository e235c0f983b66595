package dev.switchboard.onos.config;

import com.google.common.collect.ImmutableList;
import org.onosproject.net.DeviceId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated Switchboard network: router, dispatchers, SAN switch, servers, groups and services. Built only
 * by {@link SwitchboardConfig} (which checks every cross reference), so an instance is always consistent.
 */
public final class SwitchboardTopology {
    private final RouterSpec router;
    private final List<DispatcherSpec> dispatchers;
    private final SanSpec san;
    private final List<ServerSpec> servers;
    private final List<GroupSpec> groups;
    private final List<ServiceSpec> services;

    SwitchboardTopology(RouterSpec router, List<DispatcherSpec> dispatchers, SanSpec san, List<ServerSpec> servers,
                        List<GroupSpec> groups, List<ServiceSpec> services) {
        this.router = Objects.requireNonNull(router, "router");
        this.dispatchers = ImmutableList.copyOf(dispatchers);
        this.san = Objects.requireNonNull(san, "san");
        this.servers = ImmutableList.copyOf(servers);
        this.groups = ImmutableList.copyOf(groups);
        this.services = ImmutableList.copyOf(services);
    }

    public RouterSpec router() {
        return router;
    }

    public List<DispatcherSpec> dispatchers() {
        return dispatchers;
    }

    public SanSpec san() {
        return san;
    }

    public List<ServerSpec> servers() {
        return servers;
    }

    public List<GroupSpec> groups() {
        return groups;
    }

    public List<ServiceSpec> services() {
        return services;
    }

    /** @return the dispatcher running on this device, if it is a dispatcher switch */
    public Optional<DispatcherSpec> dispatcherAt(DeviceId device) {
        return dispatchers.stream().filter(d -> d.device().equals(device)).findFirst();
    }

    /** @return the dispatcher with this id */
    public Optional<DispatcherSpec> dispatcher(int id) {
        return dispatchers.stream().filter(d -> d.id() == id).findFirst();
    }

    /** @return the server with this name */
    public Optional<ServerSpec> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** @return the server with this address */
    public Optional<ServerSpec> serverAt(int ip) {
        return servers.stream().filter(s -> s.ip() == ip).findFirst();
    }

    /** @return whether the address is a service VIP */
    public boolean isVip(int address) {
        return services.stream().anyMatch(s -> s.vip() == address);
    }

    /** @return a copy whose servers are replaced (groups and services unchanged; validate before use) */
    public SwitchboardTopology withServers(List<ServerSpec> newServers) {
        return new SwitchboardTopology(router, dispatchers, san, newServers, groups, services);
    }

    /** @return a copy whose groups are replaced */
    public SwitchboardTopology withGroups(List<GroupSpec> newGroups) {
        return new SwitchboardTopology(router, dispatchers, san, servers, newGroups, services);
    }

    /** @return a copy whose services are replaced */
    public SwitchboardTopology withServices(List<ServiceSpec> newServices) {
        return new SwitchboardTopology(router, dispatchers, san, servers, groups, newServices);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SwitchboardTopology)) {
            return false;
        }
        SwitchboardTopology t = (SwitchboardTopology) o;
        return router.equals(t.router) && dispatchers.equals(t.dispatchers) && san.equals(t.san)
                && servers.equals(t.servers) && groups.equals(t.groups) && services.equals(t.services);
    }

    @Override
    public int hashCode() {
        return Objects.hash(router, dispatchers, san, servers, groups, services);
    }

    @Override
    public String toString() {
        return "SwitchboardTopology{router=" + router.device() + ", dispatchers=" + dispatchers.size() + ", servers="
                + servers.size() + ", services=" + services.size() + "}";
    }
}
