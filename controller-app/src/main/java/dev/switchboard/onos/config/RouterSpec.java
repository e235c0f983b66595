package dev.switchboard.onos.config;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.switchboard.rules.TrunkMode;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The router in front of the dispatchers: its client ports, the client gateway and the trunk. */
public final class RouterSpec {
    private final DeviceId device;
    private final List<PortNumber> clientPorts;
    private final int gatewayIp;
    private final long gatewayMac;
    private final TrunkMode trunkMode;
    private final Map<Integer, PortNumber> trunkPorts;

    /**
     * @param device the router switch
     * @param clientPorts ports towards the clients
     * @param gatewayIp the clients' default gateway, answered by the controller
     * @param gatewayMac the gateway's MAC address
     * @param trunkMode how packets are spread over the trunk
     * @param trunkPorts dispatcher id to the router port of its trunk link, in configuration order
     */
    public RouterSpec(DeviceId device, List<PortNumber> clientPorts, int gatewayIp, long gatewayMac,
                      TrunkMode trunkMode, Map<Integer, PortNumber> trunkPorts) {
        this.device = Objects.requireNonNull(device, "device");
        this.clientPorts = ImmutableList.copyOf(clientPorts);
        this.gatewayIp = gatewayIp;
        this.gatewayMac = gatewayMac;
        this.trunkMode = Objects.requireNonNull(trunkMode, "trunkMode");
        this.trunkPorts = ImmutableMap.copyOf(trunkPorts);
    }

    public DeviceId device() {
        return device;
    }

    public List<PortNumber> clientPorts() {
        return clientPorts;
    }

    public int gatewayIp() {
        return gatewayIp;
    }

    public long gatewayMac() {
        return gatewayMac;
    }

    public TrunkMode trunkMode() {
        return trunkMode;
    }

    /** @return dispatcher id to router trunk port */
    public Map<Integer, PortNumber> trunkPorts() {
        return trunkPorts;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RouterSpec)) {
            return false;
        }
        RouterSpec r = (RouterSpec) o;
        return device.equals(r.device) && clientPorts.equals(r.clientPorts) && gatewayIp == r.gatewayIp
                && gatewayMac == r.gatewayMac && trunkMode == r.trunkMode && trunkPorts.equals(r.trunkPorts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(device, clientPorts, gatewayIp, gatewayMac, trunkMode, trunkPorts);
    }
}
