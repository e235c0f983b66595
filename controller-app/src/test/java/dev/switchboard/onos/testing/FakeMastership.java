package dev.switchboard.onos.testing;

import org.onosproject.cluster.NodeId;
import org.onosproject.mastership.MastershipEvent;
import org.onosproject.mastership.MastershipInfo;
import org.onosproject.mastership.MastershipListener;
import org.onosproject.mastership.MastershipService;
import org.onosproject.mastership.MastershipServiceAdapter;
import org.onosproject.net.DeviceId;
import org.onosproject.net.MastershipRole;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which node masters which device, shared by every node; each node gets its own service view. */
public final class FakeMastership {
    private final Map<DeviceId, NodeId> masters = new HashMap<>();
    private final List<MastershipListener> listeners = new ArrayList<>();

    /** Makes a node the device's master and tells every node. */
    public void setMaster(DeviceId device, String node) {
        masters.put(device, NodeId.nodeId(node));
        MastershipEvent event = new MastershipEvent(MastershipEvent.Type.MASTER_CHANGED, device, new MastershipInfo());
        new ArrayList<>(listeners).forEach(l -> l.event(event));
    }

    /** @return the view of one node */
    public MastershipService serviceFor(String node) {
        NodeId self = NodeId.nodeId(node);
        return new MastershipServiceAdapter() {
            @Override
            public boolean isLocalMaster(DeviceId deviceId) {
                return self.equals(masters.get(deviceId));
            }

            @Override
            public MastershipRole getLocalRole(DeviceId deviceId) {
                return isLocalMaster(deviceId) ? MastershipRole.MASTER : MastershipRole.STANDBY;
            }

            @Override
            public NodeId getMasterFor(DeviceId deviceId) {
                return masters.get(deviceId);
            }

            @Override
            public void addListener(MastershipListener listener) {
                listeners.add(listener);
            }

            @Override
            public void removeListener(MastershipListener listener) {
                listeners.remove(listener);
            }
        };
    }
}
