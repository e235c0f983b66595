package dev.switchboard.onos.config;

import com.google.common.collect.ImmutableList;

import java.util.List;
import java.util.Objects;

/** A server group as configured: a name and member server names. */
public final class GroupSpec {
    private final String name;
    private final List<String> servers;

    public GroupSpec(String name, List<String> servers) {
        this.name = Objects.requireNonNull(name, "name");
        this.servers = ImmutableList.copyOf(servers);
    }

    public String name() {
        return name;
    }

    public List<String> servers() {
        return servers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupSpec && ((GroupSpec) o).name.equals(name) && ((GroupSpec) o).servers.equals(servers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, servers);
    }
}
