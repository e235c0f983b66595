package dev.switchboard.onos.config;

import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.Objects;

/** One dispatcher switch: its dispatcher id and how it is wired to the router and the SAN switch. */
public final class DispatcherSpec {
    private final int id;
    private final DeviceId device;
    private final PortNumber trunkPort;
    private final PortNumber sanPort;
    private final PortNumber sanSwitchPort;

    /**
     * @param id dispatcher id (1 to 63)
     * @param device the dispatcher switch
     * @param trunkPort its port to the router
     * @param sanPort its port to the SAN switch
     * @param sanSwitchPort the SAN switch's port towards this dispatcher
     */
    public DispatcherSpec(int id, DeviceId device, PortNumber trunkPort, PortNumber sanPort,
                          PortNumber sanSwitchPort) {
        this.id = id;
        this.device = Objects.requireNonNull(device, "device");
        this.trunkPort = Objects.requireNonNull(trunkPort, "trunkPort");
        this.sanPort = Objects.requireNonNull(sanPort, "sanPort");
        this.sanSwitchPort = Objects.requireNonNull(sanSwitchPort, "sanSwitchPort");
    }

    public int id() {
        return id;
    }

    public DeviceId device() {
        return device;
    }

    public PortNumber trunkPort() {
        return trunkPort;
    }

    public PortNumber sanPort() {
        return sanPort;
    }

    public PortNumber sanSwitchPort() {
        return sanSwitchPort;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DispatcherSpec)) {
            return false;
        }
        DispatcherSpec d = (DispatcherSpec) o;
        return id == d.id && device.equals(d.device) && trunkPort.equals(d.trunkPort) && sanPort.equals(d.sanPort)
                && sanSwitchPort.equals(d.sanSwitchPort);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, device, trunkPort, sanPort, sanSwitchPort);
    }

    @Override
    public String toString() {
        return "dispatcher " + id + " (" + device + ")";
    }
}
