package dev.switchboard.onos.rest;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.SessionKey;

import java.util.Locale;

/**
 * The session key of the API (docs/openapi.yaml, {@code SessionKey}): {@code protocol-client-clientPort-vip-vipPort},
 * such as {@code tcp-192.0.2.11-40000-198.51.100.10-80}. Path-safe and readable.
 */
public final class SessionIds {
    private SessionIds() {
    }

    /** @return the id of a session */
    public static String format(SessionKey key) {
        return key.protocol().name().toLowerCase(Locale.ROOT) + "-" + Ipv4.format(key.clientAddress()) + "-"
                + key.clientPort() + "-" + Ipv4.format(key.vip()) + "-" + key.vipPort();
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with the id
     */
    public static SessionKey parse(String id) {
        String[] parts = id == null ? new String[0] : id.split("-", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("session key '" + id
                    + "' is not protocol-client-clientPort-vip-vipPort"
                    + " (such as tcp-192.0.2.11-40000-198.51.100.10-80)");
        }
        Protocol protocol;
        try {
            protocol = Protocol.valueOf(parts[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("session key '" + id + "': unknown protocol '" + parts[0]
                    + "' (want tcp or udp)", e);
        }
        try {
            return SessionKey.of(protocol, Ipv4.parse(parts[1]), port(parts[2], id), Ipv4.parse(parts[3]),
                    port(parts[4], id));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("session key '" + id + "': " + e.getMessage(), e);
        }
    }

    private static int port(String text, String id) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + text + "' is not a number", e);
        }
    }
}
