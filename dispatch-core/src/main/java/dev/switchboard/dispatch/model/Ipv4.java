package dev.switchboard.dispatch.model;

/**
 * IPv4 addresses as {@code int}s. Session tables hold millions of addresses, so the model keeps them
 * primitive and converts only at the edges (config, REST, logs).
 */
public final class Ipv4 {
    private Ipv4() {
    }

    /**
     * Parses dotted-quad notation.
     *
     * @param text an address such as {@code 10.0.0.1}
     * @return the address as a big-endian int
     * @throws IllegalArgumentException naming the text when it is not a dotted-quad IPv4 address
     */
    public static int parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("IPv4 address is missing");
        }
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (want a.b.c.d)");
        }
        int address = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (bad octet '" + part + "')");
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (octet " + octet + " > 255)");
            }
            address = (address << 8) | octet;
        }
        return address;
    }

    /**
     * @param address a big-endian IPv4 address
     * @return dotted-quad notation
     */
    public static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "."
                + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }
}
