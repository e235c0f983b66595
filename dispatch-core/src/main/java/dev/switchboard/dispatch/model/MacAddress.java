package dev.switchboard.dispatch.model;

/** Ethernet addresses as the low 48 bits of a {@code long}; {@link #UNKNOWN} where none is known. */
public final class MacAddress {
    /** Marks a server whose MAC address is learned at run time (by ARP) rather than configured. */
    public static final long UNKNOWN = -1L;

    private MacAddress() {
    }

    /**
     * @param text six colon-separated hex octets, such as {@code 02:00:00:00:00:01}
     * @return the address in the low 48 bits
     * @throws IllegalArgumentException naming the text when it is not a MAC address
     */
    public static long parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("MAC address is missing");
        }
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address (want xx:xx:xx:xx:xx:xx)");
        }
        long mac = 0;
        for (String part : parts) {
            if (part.length() != 2) {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address (bad octet '" + part + "')");
            }
            try {
                mac = (mac << 8) | Integer.parseInt(part, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address (bad octet '" + part + "')", e);
            }
        }
        return mac;
    }

    /**
     * @param mac an address in the low 48 bits
     * @return colon-separated lower-case hex, or {@code "unknown"}
     */
    public static String format(long mac) {
        if (mac == UNKNOWN) {
            return "unknown";
        }
        StringBuilder text = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int octet = (int) ((mac >>> shift) & 0xff);
            text.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
            if (shift > 0) {
                text.append(':');
            }
        }
        return text.toString();
    }
}
