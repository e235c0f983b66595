package dev.switchboard.dispatch.model;

import java.util.Objects;

/** A service address: VIP, protocol and port (claims 11, 12, 43: one application per VIP:port). */
public final class ServiceId {
    private final int vip;
    private final Protocol protocol;
    private final int port;

    private ServiceId(int vip, Protocol protocol, int port) {
        this.vip = vip;
        this.protocol = protocol;
        this.port = port;
    }

    /**
     * @throws IllegalArgumentException when the port is not 1..65535 or the protocol is missing
     */
    public static ServiceId of(int vip, Protocol protocol, int port) {
        if (protocol == null) {
            throw new IllegalArgumentException("service protocol is missing");
        }
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException("service port must be 1..65535, was " + port);
        }
        return new ServiceId(vip, protocol, port);
    }

    /** The packed form used for allocation-free lookups on the packet path. */
    public static long pack(int vip, int ipProtocol, int port) {
        return ((vip & 0xffffffffL) << 24) | ((long) (ipProtocol & 0xff) << 16) | (port & 0xffff);
    }

    public long packed() {
        return pack(vip, protocol.ipNumber(), port);
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

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceId && ((ServiceId) o).packed() == packed();
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(packed());
    }

    @Override
    public String toString() {
        return Ipv4.format(vip) + ":" + port + "/" + protocol.name().toLowerCase(java.util.Locale.ROOT);
    }
}
