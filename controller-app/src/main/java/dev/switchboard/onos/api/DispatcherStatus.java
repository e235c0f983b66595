package dev.switchboard.onos.api;

import com.google.common.collect.ImmutableMap;
import dev.switchboard.dispatch.DispatcherCounters;
import org.onosproject.net.DeviceId;

import java.util.Map;
import java.util.Objects;

/**
 * One configured dispatcher as this ONOS node sees it: whether its switch is up, which node masters it and,
 * when this node does, its table size and counters.
 */
public final class DispatcherStatus {
    private final int id;
    private final DeviceId device;
    private final boolean available;
    private final boolean trunkUp;
    private final String master;
    private final boolean local;
    private final boolean ready;
    private final int sessions;
    private final int locks;
    private final Map<DispatcherCounters.Counter, Long> counters;

    /**
     * @param id dispatcher id
     * @param device its switch
     * @param available whether the switch is connected
     * @param trunkUp whether it is connected and its trunk link is up at both ends
     * @param master the ONOS node mastering the switch, or {@code null}
     * @param local whether this node runs the dispatcher
     * @param ready whether the local dispatcher finished its bulk sync
     * @param sessions entries in the local dispatcher's table (0 when not local)
     * @param locks client locks in the local dispatcher's table (0 when not local)
     * @param counters the local dispatcher's counters (empty when not local)
     */
    public DispatcherStatus(int id, DeviceId device, boolean available, boolean trunkUp, String master, boolean local,
                            boolean ready, int sessions, int locks, Map<DispatcherCounters.Counter, Long> counters) {
        this.id = id;
        this.device = Objects.requireNonNull(device, "device");
        this.available = available;
        this.trunkUp = trunkUp;
        this.master = master;
        this.local = local;
        this.ready = ready;
        this.sessions = sessions;
        this.locks = locks;
        this.counters = ImmutableMap.copyOf(counters);
    }

    public int id() {
        return id;
    }

    public DeviceId device() {
        return device;
    }

    public boolean available() {
        return available;
    }

    /** @return whether the switch is connected and its trunk link is up, so it can carry traffic */
    public boolean trunkUp() {
        return trunkUp;
    }

    /** @return the mastering node's id, or {@code null} when none */
    public String master() {
        return master;
    }

    public boolean local() {
        return local;
    }

    public boolean ready() {
        return ready;
    }

    public int sessions() {
        return sessions;
    }

    public int locks() {
        return locks;
    }

    public Map<DispatcherCounters.Counter, Long> counters() {
        return counters;
    }

    @Override
    public String toString() {
        return "dispatcher " + id + " (" + device + ", " + (available ? "up" : "down") + ", master " + master + ")";
    }
}
