package dev.switchboard.onos.config;

import dev.switchboard.dispatch.model.Protocol;

import java.util.Objects;

/** A balanced service as configured: VIP, protocol, port and the group that serves it. */
public final class ServiceSpec {
    private final String name;
    private final int vip;
    private final Protocol protocol;
    private final int port;
    private final String group;

    public ServiceSpec(String name, int vip, Protocol protocol, int port, String group) {
        this.name = Objects.requireNonNull(name, "name");
        this.vip = vip;
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.port = port;
        this.group = Objects.requireNonNull(group, "group");
    }

    public String name() {
        return name;
    }

    public int vip() {
        return vip;
    }

    public Protocol protocol() {
        return protocol;
    }

    public int port() {
        return port;
    }

    public String group() {
        return group;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ServiceSpec)) {
            return false;
        }
        ServiceSpec s = (ServiceSpec) o;
        return name.equals(s.name) && vip == s.vip && protocol == s.protocol && port == s.port
                && group.equals(s.group);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, vip, protocol, port, group);
    }
}
