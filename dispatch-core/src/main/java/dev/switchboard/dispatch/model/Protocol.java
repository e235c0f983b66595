package dev.switchboard.dispatch.model;

/** Transport protocols a service can be offered on, with their IP protocol numbers. */
public enum Protocol {
    TCP(6),
    UDP(17);

    private final int ipNumber;

    Protocol(int ipNumber) {
        this.ipNumber = ipNumber;
    }

    /** @return the IP protocol number (6 for TCP, 17 for UDP) */
    public int ipNumber() {
        return ipNumber;
    }

    /**
     * Maps an IP protocol number back to a protocol.
     *
     * @param ipNumber the protocol field of an IPv4 header
     * @return the protocol, or {@code null} when Switchboard does not balance it
     */
    public static Protocol fromIpNumber(int ipNumber) {
        switch (ipNumber) {
            case 6:
                return TCP;
            case 17:
                return UDP;
            default:
                return null;
        }
    }
}
