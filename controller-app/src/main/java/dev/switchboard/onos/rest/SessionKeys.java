package dev.switchboard.onos.rest;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.SessionKey;

import java.util.Locale;

/**
 * The session key of the API: {@code protocol-client-clientPort-vip-vipPort}, such as
 * {@code tcp-192.0.2.11-40000-198.51.100.10-80}. Readable, and safe in a path without escaping.
 */
public final class SessionKeys {
    private SessionKeys() {
    }

    /** @return the API key of a session */
    public static String format(SessionKey key) {
        return key.protocol().name().toLowerCase(Locale.ROOT) + "-" + Ipv4.format(key.clientAddress()) + "-"
                + key.clientPort() + "-" + Ipv4.format(key.vip()) + "-" + key.vipPort();
    }

    /**
     * @param field how errors name the text (a path segment or a query parameter)
     * @throws ApiException {@link ErrorCode#INVALID_PARAMETER} saying what is wrong with the key
     */
    public static SessionKey parse(String field, String text) {
        String[] parts = text.split("-", -1);
        if (parts.length != 5) {
            throw bad(field, text, "want protocol-client-clientPort-vip-vipPort, such as "
                    + "tcp-192.0.2.11-40000-198.51.100.10-80");
        }
        Protocol protocol = null;
        for (Protocol p : Protocol.values()) {
            if (p.name().toLowerCase(Locale.ROOT).equals(parts[0])) {
                protocol = p;
            }
        }
        if (protocol == null) {
            throw bad(field, text, "unknown protocol '" + parts[0] + "' (want tcp or udp)");
        }
        try {
            return SessionKey.of(protocol, Ipv4.parse(parts[1]), port(parts[2]), Ipv4.parse(parts[3]),
                    port(parts[4]));
        } catch (IllegalArgumentException e) {
            throw bad(field, text, e.getMessage());
        }
    }

    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("port '" + text + "' is not a number");
        }
        int port = Integer.parseInt(text);
        if (port > 0xffff) {
            throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
        }
        return port;
    }

    private static ApiException bad(String field, String text, String problem) {
        return ApiException.parameter(field, field + ": '" + text + "' is not a session key (" + problem + ")");
    }
}
