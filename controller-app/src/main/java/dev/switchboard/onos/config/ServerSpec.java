package dev.switchboard.onos.config;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.ServerState;
import org.onosproject.net.PortNumber;

import java.util.Objects;

/** A configured server: address, where it hangs off the SAN switch, weight and administrative state. */
public final class ServerSpec {
    private final String name;
    private final int ip;
    private final long mac;
    private final PortNumber sanSwitchPort;
    private final int weight;
    private final ServerState state;

    public ServerSpec(String name, int ip, long mac, PortNumber sanSwitchPort, int weight, ServerState state) {
        this.name = Objects.requireNonNull(name, "name");
        this.ip = ip;
        this.mac = mac;
        this.sanSwitchPort = Objects.requireNonNull(sanSwitchPort, "sanSwitchPort");
        this.weight = weight;
        this.state = Objects.requireNonNull(state, "state");
    }

    public String name() {
        return name;
    }

    public int ip() {
        return ip;
    }

    public long mac() {
        return mac;
    }

    public PortNumber sanSwitchPort() {
        return sanSwitchPort;
    }

    public int weight() {
        return weight;
    }

    public ServerState state() {
        return state;
    }

    /** @return a copy with another weight */
    public ServerSpec withWeight(int newWeight) {
        return new ServerSpec(name, ip, mac, sanSwitchPort, newWeight, state);
    }

    /** @return a copy in another state */
    public ServerSpec withState(ServerState newState) {
        return new ServerSpec(name, ip, mac, sanSwitchPort, weight, newState);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ServerSpec)) {
            return false;
        }
        ServerSpec s = (ServerSpec) o;
        return name.equals(s.name) && ip == s.ip && mac == s.mac && sanSwitchPort.equals(s.sanSwitchPort)
                && weight == s.weight && state == s.state;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, ip, mac, sanSwitchPort, weight, state);
    }

    @Override
    public String toString() {
        return name + "(" + Ipv4.format(ip) + ")";
    }
}
