package dev.switchboard.onos.testing;

import org.onlab.packet.ChassisId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultDevice;
import org.onosproject.net.DefaultPort;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.onosproject.net.provider.ProviderId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Devices are available unless the test takes them down; ports are up unless the test takes them down. */
public final class FakeDeviceService extends DeviceServiceAdapter {
    private final Set<DeviceId> down = new HashSet<>();
    private final Set<ConnectPoint> portsDown = new HashSet<>();
    private final List<DeviceListener> listeners = new ArrayList<>();

    @Override
    public boolean isAvailable(DeviceId deviceId) {
        return !down.contains(deviceId);
    }

    @Override
    public Port getPort(DeviceId deviceId, PortNumber portNumber) {
        return new DefaultPort(device(deviceId), portNumber,
                !portsDown.contains(new ConnectPoint(deviceId, portNumber)));
    }

    /** Takes a port down or up and tells the listeners, as the OpenFlow provider would on PORT_STATUS. */
    public void setPortUp(DeviceId deviceId, PortNumber portNumber, boolean up) {
        ConnectPoint where = new ConnectPoint(deviceId, portNumber);
        if (up) {
            portsDown.remove(where);
        } else {
            portsDown.add(where);
        }
        DeviceEvent event = new DeviceEvent(DeviceEvent.Type.PORT_UPDATED, device(deviceId),
                getPort(deviceId, portNumber));
        new ArrayList<>(listeners).forEach(l -> l.event(event));
    }

    private static Device device(DeviceId deviceId) {
        return new DefaultDevice(new ProviderId("of", "test"), deviceId, Device.Type.SWITCH, "sb", "1", "1", "1",
                new ChassisId());
    }

    @Override
    public void addListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        listeners.remove(listener);
    }
}
