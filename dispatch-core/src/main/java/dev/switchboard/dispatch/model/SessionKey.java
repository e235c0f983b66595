package dev.switchboard.dispatch.model;

import java.util.Locale;

/**
 * Identifies a session: protocol, client address and port, VIP and service port.
 *
 * <p>The key packs into two longs ({@link #high()}, {@link #low()}) so that tables can store it without
 * objects; the packet path builds those longs directly with {@link #packHigh} and {@link #packLow}.
 */
public final class SessionKey {
    private final Protocol protocol;
    private final int clientAddress;
    private final int clientPort;
    private final int vip;
    private final int vipPort;

    private SessionKey(Protocol protocol, int clientAddress, int clientPort, int vip, int vipPort) {
        this.protocol = protocol;
        this.clientAddress = clientAddress;
        this.clientPort = clientPort;
        this.vip = vip;
        this.vipPort = vipPort;
    }

    /**
     * @param protocol TCP or UDP
     * @param clientAddress client IPv4 address
     * @param clientPort client port, 0 to 65535
     * @param vip virtual IPv4 address
     * @param vipPort service port, 0 to 65535
     * @return the key
     * @throws IllegalArgumentException when a port is out of range or the protocol is missing
     */
    public static SessionKey of(Protocol protocol, int clientAddress, int clientPort, int vip, int vipPort) {
        if (protocol == null) {
            throw new IllegalArgumentException("protocol is missing");
        }
        checkPort("client port", clientPort);
        checkPort("service port", vipPort);
        return new SessionKey(protocol, clientAddress, clientPort, vip, vipPort);
    }

    /**
     * Rebuilds a key from its packed form.
     *
     * @throws IllegalArgumentException when the packed protocol is not one Switchboard balances
     */
    public static SessionKey unpack(long high, long low) {
        Protocol protocol = Protocol.fromIpNumber((int) (low & 0xff));
        if (protocol == null) {
            throw new IllegalArgumentException("packed key has unknown protocol " + (low & 0xff));
        }
        return new SessionKey(protocol, (int) (high >>> 32), (int) ((high >>> 16) & 0xffff),
                (int) (low >>> 8), (int) (high & 0xffff));
    }

    /**
     * Reads the text form written by {@link #toKeyString()}.
     *
     * @param text such as {@code tcp-192.0.2.11-40000-198.51.100.10-80}
     * @return the key
     * @throws IllegalArgumentException saying what is wrong, as {@code 'text' is not a session key (problem)}
     */
    public static SessionKey parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("session key is missing");
        }
        String[] parts = text.split("-", -1);
        if (parts.length != 5) {
            throw notAKey(text, "want protocol-client-clientPort-vip-vipPort, such as "
                    + "tcp-192.0.2.11-40000-198.51.100.10-80");
        }
        Protocol protocol = null;
        for (Protocol p : Protocol.values()) {
            if (p.name().toLowerCase(Locale.ROOT).equals(parts[0])) {
                protocol = p;
            }
        }
        if (protocol == null) {
            throw notAKey(text, "unknown protocol '" + parts[0] + "' (want tcp or udp)");
        }
        try {
            return of(protocol, Ipv4.parse(parts[1]), parsePort(parts[2]), Ipv4.parse(parts[3]),
                    parsePort(parts[4]));
        } catch (IllegalArgumentException e) {
            throw notAKey(text, e.getMessage());
        }
    }

    private static int parsePort(String text) {
        // Digits only: Integer.parseInt would also take "+80", which the key never contains.
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("port '" + text + "' is not a number");
        }
        int port = Integer.parseInt(text);
        if (port > 0xffff) {
            throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
        }
        return port;
    }

    private static IllegalArgumentException notAKey(String text, String problem) {
        return new IllegalArgumentException("'" + text + "' is not a session key (" + problem + ")");
    }

    /** @return the text form, such as {@code tcp-192.0.2.11-40000-198.51.100.10-80} ({@link #parse} reads it) */
    public String toKeyString() {
        return protocol.name().toLowerCase(Locale.ROOT) + "-" + Ipv4.format(clientAddress) + "-" + clientPort + "-"
                + Ipv4.format(vip) + "-" + vipPort;
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException(what + " must be 0..65535, was " + port);
        }
    }

    /** Packs client address, client port and service port. */
    public static long packHigh(int clientAddress, int clientPort, int vipPort) {
        return ((long) clientAddress << 32) | ((long) (clientPort & 0xffff) << 16) | (vipPort & 0xffff);
    }

    /** Packs the VIP and the IP protocol number. */
    public static long packLow(int vip, int ipProtocol) {
        return ((vip & 0xffffffffL) << 8) | (ipProtocol & 0xff);
    }

    public long high() {
        return packHigh(clientAddress, clientPort, vipPort);
    }

    public long low() {
        return packLow(vip, protocol.ipNumber());
    }

    public Protocol protocol() {
        return protocol;
    }

    public int clientAddress() {
        return clientAddress;
    }

    public int clientPort() {
        return clientPort;
    }

    public int vip() {
        return vip;
    }

    public int vipPort() {
        return vipPort;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SessionKey)) {
            return false;
        }
        SessionKey k = (SessionKey) o;
        return protocol == k.protocol && clientAddress == k.clientAddress && clientPort == k.clientPort
                && vip == k.vip && vipPort == k.vipPort;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high() * 31 + low());
    }

    @Override
    public String toString() {
        return protocol + " " + Ipv4.format(clientAddress) + ":" + clientPort + " -> "
                + Ipv4.format(vip) + ":" + vipPort;
    }
}
