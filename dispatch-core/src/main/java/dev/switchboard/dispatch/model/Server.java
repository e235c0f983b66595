package dev.switchboard.dispatch.model;

import java.util.Objects;

/**
 * A real server behind the VIP. Immutable: a change of weight, state or reported load yields a new
 * instance, published through a new {@link ServiceCatalog}.
 *
 * <p>{@link #index()} is the compact identity that session tables store instead of a reference; it is
 * assigned by the catalog and never reused for another server while the catalog lives.
 */
public final class Server {
    /** Largest weight accepted; keeps weighted arithmetic far from overflow. */
    public static final int MAX_WEIGHT = 10_000;

    private final int index;
    private final String name;
    private final int address;
    private final long mac;
    private final int weight;
    private final ServerState state;
    private final double reportedLoad;

    private Server(int index, String name, int address, long mac, int weight, ServerState state,
                   double reportedLoad) {
        this.index = index;
        this.name = name;
        this.address = address;
        this.mac = mac;
        this.weight = weight;
        this.state = state;
        this.reportedLoad = reportedLoad;
    }

    /**
     * Creates an active server with no reported load.
     *
     * @param index catalog-wide compact id, 0 or more
     * @param name operator-facing unique name, such as {@code web-1}
     * @param address IPv4 address
     * @param mac MAC address or {@link MacAddress#UNKNOWN}
     * @param weight relative capacity, 1 to {@link #MAX_WEIGHT}
     * @return the server
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public static Server of(int index, String name, int address, long mac, int weight) {
        return new Server(index, name, address, mac, weight, ServerState.ACTIVE, 0.0).validated();
    }

    private Server validated() {
        if (index < 0) {
            throw new IllegalArgumentException("server index must be >= 0, was " + index);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("server name must not be empty");
        }
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException(
                    "server '" + name + "': weight must be 1.." + MAX_WEIGHT + ", was " + weight);
        }
        if (!(reportedLoad >= 0.0 && reportedLoad <= 1.0)) {
            throw new IllegalArgumentException(
                    "server '" + name + "': load must be between 0.0 and 1.0, was " + reportedLoad);
        }
        Objects.requireNonNull(state, "state");
        return this;
    }

    /** @return a copy with another weight (1 to {@link #MAX_WEIGHT}) */
    public Server withWeight(int newWeight) {
        return new Server(index, name, address, mac, newWeight, state, reportedLoad).validated();
    }

    /** @return a copy in another administrative state */
    public Server withState(ServerState newState) {
        return new Server(index, name, address, mac, weight, newState, reportedLoad).validated();
    }

    /** @return a copy with another reported load, a utilisation from 0.0 (idle) to 1.0 (saturated) */
    public Server withReportedLoad(double load) {
        return new Server(index, name, address, mac, weight, state, load).validated();
    }

    /** @return a copy with a learned or configured MAC address */
    public Server withMac(long newMac) {
        return new Server(index, name, address, newMac, weight, state, reportedLoad).validated();
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public int address() {
        return address;
    }

    public long mac() {
        return mac;
    }

    public int weight() {
        return weight;
    }

    public ServerState state() {
        return state;
    }

    public double reportedLoad() {
        return reportedLoad;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Server)) {
            return false;
        }
        Server s = (Server) o;
        return index == s.index && address == s.address && mac == s.mac && weight == s.weight
                && Double.compare(reportedLoad, s.reportedLoad) == 0 && name.equals(s.name) && state == s.state;
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, name, address, mac, weight, state, reportedLoad);
    }

    @Override
    public String toString() {
        return name + "(" + Ipv4.format(address) + ", w=" + weight + ", " + state
                + (reportedLoad > 0 ? ", load=" + reportedLoad : "") + ")";
    }
}
