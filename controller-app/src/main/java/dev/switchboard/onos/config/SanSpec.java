package dev.switchboard.onos.config;

import org.onosproject.net.DeviceId;

import java.util.Objects;

/** The SAN switch behind the dispatchers and the servers' gateway it answers for. */
public final class SanSpec {
    private final DeviceId device;
    private final int gatewayIp;
    private final long gatewayMac;

    public SanSpec(DeviceId device, int gatewayIp, long gatewayMac) {
        this.device = Objects.requireNonNull(device, "device");
        this.gatewayIp = gatewayIp;
        this.gatewayMac = gatewayMac;
    }

    public DeviceId device() {
        return device;
    }

    public int gatewayIp() {
        return gatewayIp;
    }

    public long gatewayMac() {
        return gatewayMac;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SanSpec && ((SanSpec) o).device.equals(device) && ((SanSpec) o).gatewayIp == gatewayIp
                && ((SanSpec) o).gatewayMac == gatewayMac;
    }

    @Override
    public int hashCode() {
        return Objects.hash(device, gatewayIp, gatewayMac);
    }
}
